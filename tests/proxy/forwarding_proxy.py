"""A small HTTP reverse proxy for tests, behaving like nginx's
``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``: it appends
the address it received each request from, and connects to the upstream from
its own address (``source``, e.g. 127.0.0.2), so the upstream can tell the
proxy from a visitor who connects directly."""

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
    "te",
    "trailer",
}


class ForwardingProxy:
    def __init__(self, *, upstream: tuple[str, int], source: str):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {
                    name: value
                    for name, value in self.headers.items()
                    if name.lower() not in HOP_BY_HOP
                }
                seen = self.headers.get("X-Forwarded-For")
                client = self.client_address[0]
                headers["X-Forwarded-For"] = f"{seen}, {client}" if seen else client
                headers["X-Forwarded-Proto"] = "http"
                connection = http.client.HTTPConnection(
                    *proxy.upstream, timeout=30, source_address=(proxy.source, 0)
                )
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                content = response.read()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in HOP_BY_HOP | {"content-length"}:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
                connection.close()

            do_GET = do_POST = _forward

            def log_message(self, *args):
                pass

        self.upstream = upstream
        self.source = source
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
