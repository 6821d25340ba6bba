//! The language switch: one button offering the other language, named in that language so a
//! reader who does not know the current one still finds it.

use yew::prelude::*;

use crate::text::Lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub on_change: Callback<Lang>,
}

#[function_component(LangSwitch)]
pub fn lang_switch(props: &Props) -> Html {
    let other = props.lang.other();
    let onclick = props.on_change.reform(move |_: MouseEvent| other);
    html! {
        <button type="button" class="lang-switch" lang={other.code()} {onclick}>
            { props.lang.text().switch_label }
        </button>
    }
}
