"""A TCP proxy in the test process that a test can cut and restore: the network to a server going away.

The app connects to the proxy; the proxy forwards to the real server. `cut()` drops every
open connection and closes the listening port (new connections are refused, as when the
server is down); `hang()` drops open connections and then accepts new ones without ever
answering (a firewall dropping packets, a frozen server); `restore()` forwards again, on
the same port.
"""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TcpProxy:
    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._forwarding = True
        self.connections = 0  # connections forwarded so far, for the tests' bookkeeping

    def start(self) -> None:
        self._listen()

    def cut(self) -> None:
        """Refuse new connections and drop the open ones."""
        self._stop_listening()
        self._drop_open()

    def hang(self) -> None:
        """Drop the open connections; accept new ones and never answer."""
        self._forwarding = False
        self._drop_open()
        if self._listener is None:
            self._listen()

    def restore(self) -> None:
        """Forward again on the same port."""
        self._drop_open()  # sockets accepted while hanging
        self._forwarding = True
        if self._listener is None:
            self._listen()

    def close(self) -> None:
        self._stop_listening()
        self._drop_open()

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _stop_listening(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            # shutdown wakes the thread blocked in accept(); close alone would not.
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()

    def _drop_open(self) -> None:
        with self._lock:
            doomed, self._open = self._open, set()
        for sock in doomed:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed by cut()
            with self._lock:
                self._open.add(client)
            if not self._forwarding:
                continue  # hold it open, say nothing
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.add(upstream)
            self.connections += 1
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        try:
            sink.shutdown(socket.SHUT_RDWR)  # the other direction's recv() returns, so its pump ends too
        except OSError:
            pass
        with self._lock:
            self._open.discard(source)
        source.close()  # each socket is the source of exactly one pump


@contextmanager
def tcp_proxy(target: tuple[str, int]) -> Iterator[TcpProxy]:
    proxy = TcpProxy(target)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.close()
