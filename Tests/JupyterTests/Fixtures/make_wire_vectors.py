"""Writes wire_vectors.json: messages signed and serialised by jupyter_client itself.

Run from the repo root with the test venv: .venv/bin/python Tests/JupyterTests/Fixtures/make_wire_vectors.py
The Swift tests check that our codec accepts these frames and computes the same signatures.
"""
import base64
import json
import pathlib

from jupyter_client.session import Session

vectors = []
for key, msg_type, content in [
    (b"secret-key", "execute_request", {"code": "print \"hello\"", "silent": False}),
    (b"0123456789abcdef0123456789abcdef", "kernel_info_request", {}),
    ("c3bd0f0c-9e5c-4b77-9d5b-6c1f5d0a5b44".encode(), "complete_request", {"code": "λ = 0.5 # ünïcödé", "cursor_pos": 3}),
    (b"", "is_complete_request", {"code": "fit d \\"}),
]:
    session = Session(key=key, username="tester", session="fixed-session")
    msg = session.msg(msg_type, content=content)
    frames = session.serialize(msg, ident=[b"client-identity"])
    vectors.append({
        "key": key.decode(),
        "msg_type": msg_type,
        "msg_id": msg["header"]["msg_id"],
        "frames": [base64.b64encode(f).decode() for f in frames],
        "signature": frames[2].decode(),
    })

out = pathlib.Path(__file__).with_name("wire_vectors.json")
out.write_text(json.dumps(vectors, indent=1) + "\n")
print(f"wrote {out}")
