//! Printing one part of the page alone (a file's card, a sending's dossier): the page and the
//! part are marked while the (blocking) print dialog is open, and the print style sheet hides
//! everything else.

use web_sys::Element;

pub fn alone(part: Option<Element>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let body: Option<Element> = window.document().and_then(|d| d.body()).map(Into::into);
    let mark = |on: bool| {
        for (element, class) in [(&body, "printing"), (&part, "print-target")] {
            if let Some(element) = element {
                let list = element.class_list();
                let _ = if on {
                    list.add_1(class)
                } else {
                    list.remove_1(class)
                };
            }
        }
    };
    mark(true);
    let _ = window.print();
    mark(false);
}
