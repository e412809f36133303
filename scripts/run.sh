#!/usr/bin/env bash
# Runs the web app (gunicorn) and the scheduler as two processes; Ctrl-C stops both.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
bin=.venv/bin

"$bin/gunicorn" --bind "$host:$port" --workers "${WEB_WORKERS:-2}" --access-logfile - \
  "server:create_app()" &
web=$!
"$bin/flask" scheduler run &
scheduler=$!

stop() {
  kill -TERM "$web" "$scheduler" 2>/dev/null || true
  wait "$web" "$scheduler" 2>/dev/null || true
}
trap stop INT TERM EXIT
echo "Emberwise: http://$host:$port  (Ctrl-C stops the app and the scheduler)"
# If either process dies, stop the other too rather than run half an app.
wait -n "$web" "$scheduler"
