"""A minimal MCP server over stdio with one tool, "environment", that answers with the environment variables this
process was started with. Tests use it to see what a stdio tool source inherits from Parley."""
import json
import os
import sys


def answer(request_id, result=None, error=None):
    message = {"jsonrpc": "2.0", "id": request_id}
    if error is None:
        message["result"] = result
    else:
        message["error"] = error
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


TOOL = {"name": "environment", "description": "The environment variables of this server process",
        "inputSchema": {"type": "object", "properties": {}}}

for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    request_id = request.get("id")
    method = request.get("method")
    if request_id is None:
        continue  # notifications need no answer
    if method == "initialize":
        answer(request_id, {"protocolVersion": request["params"].get("protocolVersion", "2024-11-05"),
                            "capabilities": {"tools": {}},
                            "serverInfo": {"name": "environment", "version": "1.0.0"}})
    elif method == "tools/list":
        answer(request_id, {"tools": [TOOL]})
    elif method == "tools/call":
        answer(request_id, {"content": [{"type": "text", "text": json.dumps(dict(os.environ))}]})
    elif method == "ping":
        answer(request_id, {})
    else:
        answer(request_id, error={"code": -32601, "message": "Method not found"})
