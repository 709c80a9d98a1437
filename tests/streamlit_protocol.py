"""A visitor as the server sees it: Streamlit's own websocket protocol, no browser (for the concurrency tiers).

Finds what a page offers to download, whichever way the page offers it: a Streamlit download button (a deferred
file is asked for over the websocket, as the browser does on a click) or a plain link (`<a download href=...>`).
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

LINK = re.compile(r'<a [^>]*href="(?P<href>[^"]+)"[^>]*\bdownload(?:="(?P<name>[^"]*)")?', re.S)


@dataclass
class Offer:
    """One download on a page: a link, or a Streamlit download button (url, or a deferred file id)."""

    label: str
    url: str = ""
    deferred_id: str = ""


@dataclass
class Page:
    offers: list[Offer] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    query: str = ""
    texts: list[str] = field(default_factory=list)  # markdown and alert bodies
    uploaders: dict[str, str] = field(default_factory=dict)  # widget key (end of its id) -> widget id


class Visitor:
    """One websocket session. `cookie` is sent with the upgrade (a proxy pins sessions by cookie)."""

    def __init__(self, base_url: str, cookie: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        self.cookie = cookie
        self.ws = None
        self._requests = 0
        self.session_id = ""

    async def __aenter__(self) -> Visitor:
        import websockets

        headers = {"Cookie": self.cookie} if self.cookie else {}
        ws_url = self.base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=None, additional_headers=headers
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def open(self, page_name: str, query: str = "", timeout: float = 120, widgets: list | None = None) -> Page:
        """Run `page_name` (its url path, "" for the start page) with `query` (and widget states, as a browser
        sends them) and collect what it offers."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page_name
        msg.rerun_script.widget_states.widgets.extend(widgets or [])
        await self.ws.send(msg.SerializeToString())
        page = Page(query=query)
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout=timeout))
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.session_id = fwd.new_session.initialize.session_id
            elif kind == "page_info_changed":
                page.query = fwd.page_info_changed.query_string
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "download_button":
                    button = element.download_button
                    page.offers.append(Offer(button.label, button.url, button.deferred_file_id))
                elif which == "html":
                    for match in LINK.finditer(element.html.body):
                        page.offers.append(Offer(match["name"] or "", match["href"].replace("&amp;", "&")))
                elif which == "exception":
                    page.exceptions.append(element.exception.message[:200])
                elif which == "markdown":
                    page.texts.append(element.markdown.body)
                elif which == "alert":
                    page.texts.append(element.alert.body)
                elif which == "file_uploader":
                    page.uploaders[element.file_uploader.id.rsplit("-", 1)[-1]] = element.file_uploader.id
            elif kind == "script_finished":
                if fwd.script_finished == 2:  # ended early for a rerun (st.rerun): what counts is the next run
                    page = Page(query=page.query)
                    continue
                return page

    async def resolve(self, offer: Offer, timeout: float = 60) -> str:
        """The URL the browser fetches for `offer` (a deferred file is made on request, as on a click)."""
        if not offer.deferred_id:
            return offer.url
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._requests += 1
        request_id = f"test-{self._requests}"
        msg = BackMsg()
        msg.backend_operation_request.request_id = request_id
        msg.backend_operation_request.session_id = self.session_id
        msg.backend_operation_request.deferred_file.file_id = offer.deferred_id
        await self.ws.send(msg.SerializeToString())
        deadline = time.time() + timeout
        while time.time() < deadline:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout=timeout))
            if fwd.WhichOneof("type") == "backend_operation_response":
                response = fwd.backend_operation_response
                if response.request_id == request_id:
                    if response.error_msg:
                        raise RuntimeError(response.error_msg)
                    return response.deferred_file.url
        raise TimeoutError("no answer to the deferred file request")

    def upload(self, widget_id: str, name: str, data: bytes, xsrf: str, cookie: str) -> tuple[int, object]:
        """PUT a file as the browser's uploader does (to this session, with the XSRF token); the HTTP status and
        the widget state that tells the next run about it."""
        import uuid

        from streamlit.proto.Common_pb2 import FileURLs, UploadedFileInfo
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        file_id = str(uuid.uuid4())
        path = f"/_stcore/upload_file/{self.session_id}/{file_id}"
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                f"Content-Type: text/csv\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            self.base_url + path,
            data=body,
            method="PUT",
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": xsrf,
                "Cookie": cookie,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
        info = UploadedFileInfo(
            file_id=file_id,
            name=name,
            size=len(data),
            file_urls=FileURLs(file_id=file_id, upload_url=path, delete_url=path),
        )
        state = WidgetState(id=widget_id)
        state.file_uploader_state_value.uploaded_file_info.append(info)
        return status, state

    def absolute(self, url: str) -> str:
        return url if url.startswith("http") else self.base_url + (url if url.startswith("/") else "/" + url)


def fetch(url: str, cookie: str = "", timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """GET `url`: status, headers (lower-case names) and body; an HTTP error is an answer, not an exception."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop running in the test's thread."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
