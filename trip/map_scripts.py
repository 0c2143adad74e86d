"""The map's own scripts, as folium elements: what runs in the map's frame to
select by keyboard, show a click at once, set tooltips as text and fetch the land
shapes. Each is part of the base map or of a marker, never of the page."""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from trip.text import js_json


class EnterSelects(MacroElement):
    """Enter on a focused marker acts as a click, so keyboard users can select on the
    map too: Leaflet 1.9 marks markers focusable but Enter only opens popups."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.on("keypress", function (event) {
            if (event.originalEvent.key === "Enter") {
                this.fire("click", {latlng: this.getLatLng()});
            }
        });
        {% endmacro %}"""
    )


class InstantSelect(MacroElement):
    """A click on a marker, or Enter on a focused one, draws it selected in the
    map's own frame at once; the rerun then confirms the selection by swapping the
    marker layer. The round trip click -> Python -> redraw takes most of a second
    (issue 9), which a presenter feels. Part of the base map, so it never changes."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function () {
            function pick(target) {
                var icon = target && target.closest
                    && target.closest(".leaflet-marker-icon");
                var circle = icon && icon.querySelector(".stop-marker");
                if (!circle) { return; }
                document.querySelectorAll(".stop-marker.instant-selected")
                    .forEach(function (other) {
                        other.classList.remove("instant-selected");
                    });
                circle.classList.add("instant-selected");
            }
            document.addEventListener("click", function (event) {
                pick(event.target);
            }, true);
            document.addEventListener("keydown", function (event) {
                if (event.key === "Enter") { pick(event.target); }
            }, true);
        })();
        {% endmacro %}"""
    )


class TextTooltip(MacroElement):
    """A tooltip whose text is set as DOM text, never parsed as HTML.

    folium's ``Tooltip`` puts its text into a JavaScript template literal as HTML,
    where escape sequences such as ``\\u003c`` turn back into tags; and
    streamlit-folium's click handler reads a string tooltip through ``innerHTML``.
    Here the text reaches the script only as JSON and lands via ``textContent``.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (text) {
            var box = document.createElement("div");
            box.textContent = text;
            {{ this._parent.get_name() }}.bindTooltip(box, {sticky: true});
        })({{ this.text_json }});
        {% endmacro %}"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "TextTooltip"
        self.text_json = js_json(text)


class LandLayer(MacroElement):
    """The bundled land shapes, fetched once by the browser from our static files.

    Embedding them in the map script would resend ~390 KB over the websocket on
    every rerun and make folium compile them as a Jinja template (~150 ms a rerun).
    The layer is not interactive: a click on land should not rerun the app.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        fetch({{ this.url|tojson }})
            .then(function (answer) { return answer.json(); })
            .then(function (shapes) {
                L.geoJSON(shapes, {style: {{ this.style|tojson }}, interactive: false})
                    .addTo({{ this._parent.get_name() }})
                    .bringToBack();
            });
        {% endmacro %}"""
    )

    def __init__(self, url: str, style: dict[str, Any]) -> None:
        super().__init__()
        self._name = "LandLayer"
        self.url = url
        self.style = style
