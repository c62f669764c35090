"""A minimal MCP server over stdio with the three tools ToolSourceClientContract calls: "echo" answers with the
message it was given, "fail" reports an error result, "slow" answers only after a long sleep."""
import json
import sys
import time

TOOLS = [
    {"name": "echo", "description": "Echoes a message",
     "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]}},
    {"name": "fail", "description": "Always reports an error", "inputSchema": {"type": "object", "properties": {}}},
    {"name": "slow", "description": "Answers after a long time", "inputSchema": {"type": "object", "properties": {}}},
]


def answer(request_id, result=None, error=None):
    message = {"jsonrpc": "2.0", "id": request_id}
    if error is None:
        message["result"] = result
    else:
        message["error"] = error
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def text(value, is_error=False):
    return {"content": [{"type": "text", "text": value}], "isError": is_error}


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
                            "serverInfo": {"name": "contract", "version": "1.0.0"}})
    elif method == "tools/list":
        answer(request_id, {"tools": TOOLS})
    elif method == "tools/call":
        name = request["params"]["name"]
        arguments = request["params"].get("arguments") or {}
        if name == "echo":
            answer(request_id, text("Echo: " + str(arguments.get("message"))))
        elif name == "fail":
            answer(request_id, text("the warehouse is closed", is_error=True))
        elif name == "slow":
            time.sleep(10)
            answer(request_id, text("late"))
        else:
            answer(request_id, error={"code": -32602, "message": "Unknown tool " + name})
    elif method == "ping":
        answer(request_id, {})
    else:
        answer(request_id, error={"code": -32601, "message": "Method not found"})
