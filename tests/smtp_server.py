"""A tiny SMTP server on loopback for tests: records what it accepts, refuses chosen addresses,
and can hold a conversation at a chosen recipient (to kill a worker in the middle of a send)."""

import dataclasses
import email
import email.policy
import socket
import socketserver
import threading
import time


@dataclasses.dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.Message


class SMTPServer:
    """`with SMTPServer(port) as server:` listens on 127.0.0.1:port until the block ends."""

    def __init__(self, port: int = 0, *, refuse=(), hold_at: str | None = None):
        self.port = port
        self.refuse = {a.lower() for a in refuse}
        self.hold_at = hold_at.lower() if hold_at else None
        self.holding = threading.Event()  # set when a client waits at `hold_at`
        self.release = threading.Event()
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._server = None

    def __enter__(self):
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                owner._converse(self.rfile, self.wfile)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self._server = Server(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def to(self, subject: str = "") -> list[str]:
        """The recipients of every mail accepted (whose subject contains `subject`)."""
        with self._lock:
            return [
                r
                for item in self.received
                if subject in str(item.message["Subject"] or "")
                for r in item.recipients
            ]

    def wait_for(self, count: int, timeout: float = 30.0, subject: str = "") -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.to(subject)) < count:
            time.sleep(0.05)
        return self.to(subject)

    def _converse(self, rfile, wfile):
        def reply(line: str):
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        reply("220 test ESMTP")
        sender, recipients = "", []
        try:
            for raw in rfile:
                line = raw.decode(errors="replace").rstrip("\r\n")
                verb = line[:4].upper()
                if verb in ("EHLO", "HELO"):
                    reply("250 test")
                elif verb == "MAIL":
                    sender, recipients = line.split(":", 1)[1].strip(" <>"), []
                    reply("250 OK")
                elif verb == "RCPT":
                    address = line.split(":", 1)[1].strip(" <>").lower()
                    if address == self.hold_at and not self.release.is_set():
                        self.holding.set()
                        self.release.wait()
                        return  # the client is gone by now: nothing was delivered
                    if address in self.refuse:
                        reply("550 5.1.1 No such user")
                    else:
                        recipients.append(address)
                        reply("250 OK")
                elif verb == "DATA":
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    data = []
                    for raw_data in rfile:
                        if raw_data in (b".\r\n", b".\n"):
                            break
                        data.append(raw_data[1:] if raw_data.startswith(b"..") else raw_data)
                    with self._lock:
                        self.received.append(
                            Received(
                                sender,
                                recipients,
                                email.message_from_bytes(
                                    b"".join(data), policy=email.policy.default
                                ),
                            )
                        )
                    reply("250 OK queued")
                elif verb == "RSET":
                    sender, recipients = "", []
                    reply("250 OK")
                elif verb == "NOOP":
                    reply("250 OK")
                elif verb == "QUIT":
                    reply("221 Bye")
                    return
                else:
                    reply("502 Command not implemented")
        except OSError:  # the client went away
            return


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
