"""A loopback TCP proxy that loses a reply: it forwards both ways, but once armed, when the
server's response HEADERS frame arrives (HTTP/2 frame type 0x1 on a stream id > 0) it closes
both sockets before forwarding that frame. coopd sends a unary call's response headers with
its reply, after the command committed, so the command is executed and the client never hears
of it.

Plaintext HTTP/2 only (it reads the server's frames). Forwarding runs on threads of its own;
arm() and the counters may be used from any thread.
"""
import socket
import threading

FRAME_HEADER = 9
HEADERS = 0x1


class LostReplyProxy:
    def __init__(self, upstream_port):
        self._upstream = ("127.0.0.1", upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._armed = 0
        self.replies_lost = 0
        self.connections = 0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def arm(self, replies=1):
        """Loses the next `replies` response HEADERS frames (each on its own connection)."""
        with self._lock:
            self._armed = replies

    def close(self):
        self._closed = True
        self._listener.close()

    def _accept(self):
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self._upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                self.connections += 1
            pair = _Pair(client, server)
            threading.Thread(target=self._client_to_server, args=(pair,), daemon=True).start()
            threading.Thread(target=self._server_to_client, args=(pair,), daemon=True).start()

    def _client_to_server(self, pair):
        while True:
            data = pair.receive(pair.client)
            if not data or not pair.send(pair.server, data):
                pair.close()
                return

    def _server_to_client(self, pair):
        pending = b""  # bytes of the server not yet forwarded, from a frame's start
        while True:
            data = pair.receive(pair.server)
            if not data:
                pair.close()
                return
            pending += data
            # Forward whole frames; stop at a response HEADERS frame while armed.
            offset = 0
            while len(pending) - offset >= FRAME_HEADER:
                length = int.from_bytes(pending[offset:offset + 3], "big")
                frame_type = pending[offset + 3]
                stream_id = int.from_bytes(pending[offset + 5:offset + 9], "big") & 0x7FFFFFFF
                if frame_type == HEADERS and stream_id > 0 and self._take_armed():
                    pair.send(pair.client, pending[:offset])
                    pair.close()
                    return
                if len(pending) - offset < FRAME_HEADER + length:
                    break
                offset += FRAME_HEADER + length
            if offset and not pair.send(pair.client, pending[:offset]):
                pair.close()
                return
            pending = pending[offset:]

    def _take_armed(self):
        with self._lock:
            if self._armed <= 0:
                return False
            self._armed -= 1
            self.replies_lost += 1
            return True


class _Pair:
    """The two sockets of one proxied connection; closing either closes both."""

    def __init__(self, client, server):
        self.client, self.server = client, server
        self._lock = threading.Lock()
        self._closed = False

    @staticmethod
    def receive(sock):
        try:
            return sock.recv(65536)
        except OSError:
            return b""

    @staticmethod
    def send(sock, data):
        try:
            sock.sendall(data)
            return True
        except OSError:
            return False

    def close(self):
        with self._lock:
            if self._closed:
                return
            self._closed = True
        for sock in (self.client, self.server):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
