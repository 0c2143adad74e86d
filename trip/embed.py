"""The embed for another site: the snippet a newsroom pastes (a frame and a few
lines of script), and the script inside the embed view that tells the host page
the height it wants for its width (as Datawrapper's embeds do)."""

from __future__ import annotations

from urllib.parse import urlsplit

from trip.text import html_text, js_json

# The snippet's frame height without script: the map and the lines below fit it.
EMBED_HEIGHT = 450
# What the frame posts to its host page, and what the host's script listens for.
HEIGHT_MESSAGE = "trip-dashboard:height"


def report_height_script() -> str:
    """Posts the height the view wants at its width: the map at a landscape ratio
    plus the lines below it. The host's script sizes the frame; without it the
    frame keeps the snippet's height and the map fills what is left."""
    return (
        "(function () {"
        "var doc = document;"
        "function parts() {"
        " return {map: doc.querySelector('.st-key-embed-map iframe'),"
        "  body: doc.querySelector('.st-key-embed')};"
        "}"
        "function send() {"
        " var found = parts();"
        " if (!found.map || !found.body) { return; }"
        # st_folium draws its frame at 0 px until its scripts have run.
        " if (!found.map.getBoundingClientRect().height) { return; }"
        " var width = doc.documentElement.clientWidth;"
        " var wanted = Math.max(200, Math.min(560, Math.round(width * 0.6)));"
        " var body = found.body.getBoundingClientRect();"
        " var rest = body.height - found.map.getBoundingClientRect().height;"
        " window.parent.postMessage("
        f"   {{type: {js_json(HEIGHT_MESSAGE)},"
        "     height: Math.ceil(body.top + wanted + rest + 8)}, '*');"
        "}"
        # Until Streamlit has drawn the map, watch for it; then follow the
        # view's size (a new stop's strip) and the window's.
        "function start() {"
        " var found = parts();"
        " if (!found.map || !found.body) { return false; }"
        " new ResizeObserver(send).observe(found.body);"
        " send(); return true;"
        "}"
        "if (!start()) {"
        " var watch = new MutationObserver(function () {"
        "  if (start()) { watch.disconnect(); }"
        " });"
        " watch.observe(doc.body, {childList: true, subtree: true});"
        "}"
        "window.addEventListener('resize', send);"
        "})();"
    )


def embed_snippet(url: str, title: str, frame_id: str) -> str:
    """An ``<iframe>`` for another site and the few lines of script that give it
    the height the view asks for: the view at ``url`` (with Streamlit's
    ``embed=true``), titled for screen readers, full width. Attribute values are
    escaped for HTML, values in the script are JSON; the script takes heights
    only from that frame and that origin."""
    origin = js_json(_origin(url))
    return (
        f'<iframe id="{html_text(frame_id)}" src="{html_text(url)}" '
        f'title="{html_text(title)}" width="100%" height="{EMBED_HEIGHT}" '
        'style="border:0" loading="lazy"></iframe>\n'
        "<script>window.addEventListener('message', function (event) {"
        f" var frame = document.getElementById({js_json(frame_id)});"
        f" if (!frame || event.origin !== {origin}"
        " || event.source !== frame.contentWindow) { return; }"
        " var data = event.data || {};"
        f" if (data.type === {js_json(HEIGHT_MESSAGE)}"
        " && data.height > 0 && data.height < 2000) {"
        " frame.style.height = data.height + 'px'; }"
        "});</script>"
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
