"""The address bar as the dashboard's state, and the "copy link" button beside it.

One ShareLink widget per user (AppState.live["share"]): AppState puts the
query string of its state (url_state.py) into the widget's `query` after
every change, in place, and the browser replaces its address with it; the
button copies the address. Opening that address elsewhere restores the state
(app.Page reads it with solara.use_router()).
"""

from __future__ import annotations

import ipyvue
import solara
import traitlets
from solara.alias import rv

from ..i18n import tr


class ShareLinkWidget(ipyvue.VueTemplate):
    template_file = (__file__, "share.vue")
    query = traitlets.Unicode(allow_none=True, default_value=None).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    copied_label = traitlets.Unicode("").tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)


@solara.component
def ShareLink(app, lang: str):
    widget = app.live_widget("share", ShareLinkWidget)
    widget.label = tr("copy_link", lang)
    widget.copied_label = tr("link_copied", lang)
    widget.hint = tr("copy_link_hint", lang)
    app.sync_link()
    return rv.Html(tag="span", children=[widget])
