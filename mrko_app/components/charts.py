"""A chart drawn on the server (views/svg_charts.py): its SVG text, which pygal escaped, shown as it
came, scaled to the width it is given, and named for assistive technology (by an element's id, or a
text)."""

import reflex as rx


def svg_chart(svg: rx.Var, chart_id, *, labelled_by=None, label=None) -> rx.Component:
    names = {"aria_labelledby": labelled_by} if labelled_by is not None else {"aria_label": label}
    return rx.html(svg, id=chart_id, class_name="svg-chart", role="img", width="100%",
                   style={"& svg": {"width": "100%", "height": "auto", "display": "block"}}, **names)
