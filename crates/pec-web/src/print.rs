//! Printing parts of the page alone (a file's card, a sending's dossier and its files' cards):
//! the page and the parts are marked while the (blocking) print dialog is open, and the print
//! style sheet hides everything else.

use web_sys::Element;

pub fn alone(parts: &[Element]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let body: Option<Element> = window.document().and_then(|d| d.body()).map(Into::into);
    let marked = body.iter().map(|b| (b, "printing"));
    let marked: Vec<_> = marked
        .chain(parts.iter().map(|p| (p, "print-target")))
        .collect();
    let mark = |on: bool| {
        for (element, class) in &marked {
            let list = element.class_list();
            let _ = if on {
                list.add_1(class)
            } else {
                list.remove_1(class)
            };
        }
    };
    mark(true);
    let _ = window.print();
    mark(false);
}
