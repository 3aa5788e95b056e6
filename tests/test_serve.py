"""`engagements serve --workers N`: the socket the workers share hands out connections with Nagle's algorithm off.

Without it every keep-alive request past the first waits for the client's delayed ACK
(about 40 ms on Linux: bench/load.py showed /health at 48 ms instead of 3). Checked on the
socket itself, not by timing.
"""

import socket

import uvicorn

from app.commands.serve import APP, shared_socket


def test_connections_accepted_by_the_shared_socket_send_at_once() -> None:
    config = uvicorn.Config(APP, factory=True, host="127.0.0.1", port=0, workers=2)
    with shared_socket(config) as listener:
        listener.listen()
        with socket.create_connection(listener.getsockname()) as _client:
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_uvicorns_own_socket_is_why() -> None:
    # asyncio sets TCP_NODELAY only on sockets that say IPPROTO_TCP; uvicorn's listener says 0,
    # and neither sets the option. Should uvicorn fix this, this fails and shared_socket can go.
    config = uvicorn.Config(APP, factory=True, host="127.0.0.1", port=0, workers=2)
    with config.bind_socket() as listener:
        assert listener.proto != socket.IPPROTO_TCP
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
