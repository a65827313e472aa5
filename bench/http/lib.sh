# bench/http/lib.sh — what run.sh, jobs.sh and endpoints.sh share: wrk and
# nginx (installed when missing), the demo database and its accounts,
# echelon serve on a free loopback port, signing in, nginx serving saved
# answers at the same URLs, wrk's figures and the CPU time of processes.
# Sourced, not run, after the script has set here, root and die().
#
# Everything listens on 127.0.0.1 only; every step is bounded in time;
# bench_cleanup (the scripts' EXIT trap) stops the server and nginx, after
# the script's own bench_before_stop when it defines one.

# bench_tools: checks the tools every script uses and sets NGINX; when wrk
# or nginx is missing and apt-get is usable (root), runs
# `apt-get install -y wrk nginx` (Debian packages). Nothing else.
bench_tools() {
	for _tool in curl awk sed grep timeout; do
		command -v "$_tool" >/dev/null 2>&1 || die "$_tool is missing"
	done
	NGINX=$(command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
	if ! command -v wrk >/dev/null 2>&1 || [ -z "$NGINX" ]; then
		if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
			die "wrk or nginx is missing: apt-get install wrk nginx"
		fi
		echo "installing wrk and nginx (apt-get install -y wrk nginx)" >&2
		timeout 600 apt-get install -y wrk nginx >/dev/null 2>&1 ||
			{ timeout 300 apt-get update >/dev/null 2>&1 && timeout 600 apt-get install -y wrk nginx >/dev/null; } ||
			die "apt-get install wrk nginx failed"
		NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
	fi
}

# bench_whole NAME...: each variable named must hold a whole number.
bench_whole() {
	for _v in "$@"; do
		eval "_val=\$$_v"
		case "$_val" in '' | *[!0-9]*) die "$_v must be a whole number" ;; esac
	done
}

# bench_demo_db DB [ENTERPRISES]: makes DB with `echelon demo generate`
# (its default size when ENTERPRISES is empty) when it is absent.
bench_demo_db() {
	[ -f "$1" ] && return 0
	mkdir -p "$(dirname "$1")"
	echo "making the demo database $1${2:+ ($2 enterprises)}" >&2
	timeout 900 "$ECHELON" demo generate --db "$1" ${2:+--enterprises "$2"} >"$1.log" 2>&1 ||
		{ rm -f "$1" "$1-wal" "$1-shm" "$1.facts"; die "echelon demo generate failed: $(tail -3 "$1.log")"; }
}

# bench_account DB NAME ROLE PASSWORD: the account, added unless it exists
# (signing in checks it).
bench_account() {
	printf '%s\n' "$4" | "$ECHELON" user add "$2" --role "$3" --db "$1" >/dev/null 2>&1 || true
}

server_pid='' nginx_pid=''

# bench_serve DB DIR [OPTION...]: starts `echelon serve` on a free loopback
# port with no access log, its output in DIR/serve.out and serve.err, and
# waits until it listens (the cube loads first: 120 s at most). Sets
# server_pid, port and base.
bench_serve() {
	_db=$1 _dir=$2
	shift 2
	: >"$_dir/serve.out" # before the server writes it: the loop below reads it at once
	"$ECHELON" serve --db "$_db" --listen 127.0.0.1:0 --access-log - --max-connections-per-address 4096 "$@" \
		>"$_dir/serve.out" 2>"$_dir/serve.err" &
	server_pid=$!
	port=
	_i=0
	while [ $_i -lt 1200 ]; do
		port=$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$_dir/serve.out")
		[ -n "$port" ] && break
		kill -0 "$server_pid" 2>/dev/null || die "echelon serve stopped: $(cat "$_dir/serve.err")"
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -n "$port" ] || die "echelon serve did not start within 120 s"
	base="http://127.0.0.1:$port"
}

# bench_sign_in NAME PASSWORD COOKIES: signs in, keeping the cookies in the
# file COOKIES; prints the CSRF token.
bench_sign_in() {
	rm -f "$3"
	_answer=$(curl -sf -m 30 -c "$3" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"$2\"}" "$base/api/v1/session") || die "could not sign in as $1"
	_csrf=$(bench_jstr "$_answer" csrf_token)
	[ -n "$_csrf" ] || die "no csrf_token in the sign-in answer: $_answer"
	echo "$_csrf"
}

# bench_cookie COOKIES: the Cookie header of the session in COOKIES.
bench_cookie() {
	_token=$(awk '$6 == "echelon_session" { print $7 }' "$1")
	[ -n "$_token" ] || die "no echelon_session cookie in $1"
	echo "Cookie: echelon_session=$_token"
}

# bench_jstr JSON KEY: the first string value of KEY in JSON (empty when
# there is none).
bench_jstr() { printf '%s' "$1" | grep -o "\"$2\":\"[^\"]*\"" | head -n 1 | sed 's/^[^:]*:"//; s/"$//'; }

bench_free_port() {
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
	else
		_p=20000
		while ss -ltn 2>/dev/null | awk '{print $4}' | grep -q ":$_p\$"; do _p=$((_p + 1)); done
		echo $_p
	fi
}

# bench_nginx DIR ROOT ROUTES: starts nginx with its own configuration in
# DIR (daemon off, 2 workers, access_log off, sendfile, keep-alive
# connections never closed during a run, the security headers echelon
# sends, so that both answers are about the same size on the wire),
# serving for each line "URI FILE" of the file ROUTES the file ROOT/FILE
# at exactly that URI, query string included, or ROOT/FILE.gz when it
# exists and the client takes gzip (gzip_static, as echelon encodes a large
# answer); 404 for any other. Sets nginx_pid and nbase, and checks that
# every URI answers the file's bytes, and the .gz file's to a client that
# takes gzip.
bench_nginx() {
	_nd=$1 _www=$2 _routes=$3
	_nport=$(bench_free_port)
	mkdir -p "$_nd/tmp"
	{
		echo "# written by bench/http/lib.sh"
		echo "daemon off;"
		echo "worker_processes 2;"
		echo "pid $_nd/nginx.pid;"
		echo "error_log $_nd/error.log warn;"
		if [ "$(id -u)" = 0 ]; then echo "user root;"; fi
		echo "events { worker_connections 4096; }"
		echo "http {"
		echo "    access_log off;"
		echo "    sendfile on;"
		echo "    tcp_nopush on;"
		echo "    keepalive_requests 100000000;"
		echo "    keepalive_timeout 60s;"
		echo "    server_tokens off;"
		echo "    client_body_temp_path $_nd/tmp/body;"
		echo "    proxy_temp_path $_nd/tmp/proxy;"
		echo "    fastcgi_temp_path $_nd/tmp/fastcgi;"
		echo "    uwsgi_temp_path $_nd/tmp/uwsgi;"
		echo "    scgi_temp_path $_nd/tmp/scgi;"
		echo "    map_hash_bucket_size 256;"
		echo "    map \$request_uri \$bench_file {"
		echo "        default \"\";"
		awk '{ printf "        \"%s\" \"/%s\";\n", $1, $2 }' "$_routes"
		echo "    }"
		echo "    server {"
		echo "        listen 127.0.0.1:$_nport;"
		echo "        root $_www;"
		echo "        location / {"
		echo "            default_type \"application/json; charset=utf-8\";"
		echo "            add_header Content-Security-Policy \"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\";"
		echo "            add_header X-Content-Type-Options nosniff;"
		echo "            add_header Referrer-Policy same-origin;"
		echo "            add_header X-Frame-Options DENY;"
		echo "            add_header Cache-Control no-store;"
		echo "            etag off;"
		echo "            gzip_static on;"
		echo "            gzip_vary on;"
		echo "            if (\$bench_file = \"\") { return 404; }"
		echo "            try_files \$bench_file =404;"
		echo "        }"
		echo "    }"
		echo "}"
	} >"$_nd/nginx.conf"
	"$NGINX" -p "$_nd" -c "$_nd/nginx.conf" -e "$_nd/error.log" >"$_nd/stdout" 2>&1 &
	nginx_pid=$!
	nbase="http://127.0.0.1:$_nport"
	_first=$(awk 'NR == 1 { print $1 }' "$_routes")
	_i=0
	until curl -s -m 2 -o /dev/null "$nbase$_first" 2>/dev/null; do
		kill -0 "$nginx_pid" 2>/dev/null || die "nginx stopped: $(cat "$_nd/stdout" "$_nd/error.log" 2>/dev/null | tail -5)"
		[ $_i -lt 100 ] || die "nginx did not answer within 10 s"
		sleep 0.1
		_i=$((_i + 1))
	done
	while read -r _uri _file; do
		curl -s -m 10 -o "$_nd/body" "$nbase$_uri" || die "nginx did not answer $_uri"
		cmp -s "$_nd/body" "$_www/$_file" || die "nginx's body at $_uri differs from $_www/$_file"
		[ -f "$_www/$_file.gz" ] || continue
		curl -s -m 10 -H 'Accept-Encoding: gzip' -o "$_nd/body" "$nbase$_uri" || die "nginx did not answer $_uri"
		cmp -s "$_nd/body" "$_www/$_file.gz" || die "nginx's gzip body at $_uri differs from $_www/$_file.gz"
	done <"$_routes"
}

# bench_stop PID SECONDS: SIGTERM, then SIGKILL after SECONDS.
bench_stop() {
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null || true
	_i=0
	while kill -0 "$1" 2>/dev/null && [ $_i -lt $(($2 * 10)) ]; do sleep 0.1; _i=$((_i + 1)); done
	kill -9 "$1" 2>/dev/null || true
}

# The EXIT trap: the script's own bench_before_stop, then nginx, then
# echelon (which finishes the requests in flight, 10 s at most, and cancels
# its jobs: 15 s in all).
bench_cleanup() {
	if command -v bench_before_stop >/dev/null 2>&1; then bench_before_stop; fi
	bench_stop "$nginx_pid" 5
	bench_stop "$server_pid" 15
	server_pid='' nginx_pid=''
}

# ms VALUE: wrk's latency (e.g. 812.00us, 4.12ms, 1.20s) in milliseconds.
ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
		printf "%.2f", n }'
}

# wrk_field FILE WHAT: a figure of wrk's output (--latency) in FILE.
wrk_field() {
	case $2 in
	rps) awk '/^Requests\/sec:/ { print $2 }' "$1" ;;
	p50) ms "$(awk '$1 == "50%" { print $2 }' "$1")" ;;
	p99) ms "$(awk '$1 == "99%" { print $2 }' "$1")" ;;
	max) ms "$(awk '$1 == "Latency" { print $4; exit }' "$1")" ;;
	requests) awk '/requests in/ { print $1 }' "$1" ;;
	socket) awk '/Socket errors:/ { gsub(",", ""); print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10 }' "$1" ;;
	socket_total) awk '/Socket errors:/ { gsub(",", ""); t = $4 + $6 + $8 + $10 } END { print t + 0 }' "$1" ;;
	non2xx) awk '/Non-2xx/ { n = $NF } END { print n + 0 }' "$1" ;;
	errors) awk '/Socket errors:/ { gsub(",", ""); t += $4 + $6 + $8 + $10 } /Non-2xx/ { t += $NF } END { print t + 0 }' "$1" ;;
	esac
}

# cpu_ticks PID...: user + system CPU time of these processes (all their
# threads), in clock ticks.
cpu_ticks() {
	_t=0
	for _p in "$@"; do
		_t=$((_t + $(awk '{ sub(/^[0-9]+ \([^)]*\) /, ""); print $12 + $13 }' "/proc/$_p/stat")))
	done
	echo $_t
}

# nginx_pids: nginx's master and workers.
nginx_pids() { echo "$nginx_pid $(cat "/proc/$nginx_pid/task/$nginx_pid/children" 2>/dev/null)"; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
load1() { cut -d' ' -f1 /proc/loadavg; }
