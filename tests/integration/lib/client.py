"""An HTTP client for the integration tests, as a browser signs in: the
session cookie and the CSRF token; a job (202) followed to its answer."""
import http.client, json, time


class Client:
    """One browser: cookies and the CSRF token."""

    def __init__(self, port, source="127.0.0.1"):
        self.port, self.cookies, self.csrf, self.source = port, {}, None, source

    def request(self, method, path, body=None, headers=None, raw_path=False, follow=True):
        """The answer (status, response, parsed JSON, bytes); a job (202) is
        followed to its end and its answer given, unless follow is False."""
        status, resp, parsed, data = self.send(method, path, body, headers)
        if follow and status == 202 and isinstance(parsed, dict) and "job" in parsed:
            job = self.wait_job(parsed["job"]["id"])
            answer = job.get("result") if job["state"] == "done" else {"error": job.get("error")}
            return job["http_status"], resp, answer, json.dumps(answer).encode()
        return status, resp, parsed, data

    def wait_job(self, job_id, timeout=180):
        """Polls a job until it has finished; its last state."""
        end = time.time() + timeout
        while True:
            status, _, job, _ = self.send("GET", "/api/v1/jobs/" + job_id)
            assert status == 200, (status, job)
            if job["state"] in ("done", "failed", "cancelled"):
                return job
            assert time.time() < end, "job %s still %s after %d s" % (job_id, job["state"], timeout)
            time.sleep(0.05)

    def send(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.source, 0))
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.csrf and method not in ("GET", "HEAD") and "X-CSRF-Token" not in h:
            h["X-CSRF-Token"] = self.csrf
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in h.items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body is not None:
            try:
                conn.send(body if isinstance(body, bytes) else body.encode())
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered before the body (a refusal): read it
        resp = conn.getresponse()
        data = resp.read()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";")[0]
                if value:
                    self.cookies[name] = value
                else:
                    self.cookies.pop(name, None)
        conn.close()
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return resp.status, resp, parsed, data

    def login(self, user, password):
        status, resp, body, _ = self.request("POST", "/api/v1/session", {"username": user, "password": password})
        if status == 200:
            self.csrf = body["csrf_token"]
        return status, resp, body
