#!/usr/bin/env bash
# Load test: gunicorn with production settings on 127.0.0.1, wrk with 50
# concurrent connections on the home, category and article pages. Fails if any
# response is not 2xx/3xx or a socket error occurs. Bounded in time.
#   LOAD_SECONDS=10 LOAD_CONNECTIONS=50 bash benchmarks/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
SECONDS_EACH=${LOAD_SECONDS:-10}
CONNECTIONS=${LOAD_CONNECTIONS:-50}

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else echo "install wrk (apt-get install wrk)"; exit 1; fi
fi

work=$(mktemp -d)
port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DEBUG=false HTTPS=false SERVE_MEDIA=true ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="load-test-$(date +%s%N)-not-a-secret-but-long-enough"
export DATABASE_URL=${LOAD_DATABASE_URL:-sqlite:///$work/load.sqlite3}
export STATIC_ROOT=$work/static MEDIA_ROOT=$work/media

$PY manage.py migrate --no-input -v0
$PY manage.py load_demo >/dev/null
$PY manage.py collectstatic --no-input -v0

workers=${LOAD_WORKERS:-$(( $(nproc) * 2 + 1 ))}
$PY -m gunicorn portal.wsgi --bind "127.0.0.1:$port" --workers "$workers" \
  --no-control-socket --access-logfile /dev/null --error-logfile "$work/gunicorn.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done

article=$($PY manage.py shell -c 'from news.models import Article; print(Article.objects.published().first().get_absolute_url())' 2>/dev/null | tail -n 1)
category=$($PY manage.py shell -c 'from news.models import Category; print(Category.objects.first().get_absolute_url())' 2>/dev/null | tail -n 1)

failed=0
echo "gunicorn: $workers workers; wrk: $CONNECTIONS connections, ${SECONDS_EACH}s per page"
for path in / /en/ "$category" "$article"; do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s --latency "http://127.0.0.1:$port$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  errors=$(awk '/Socket errors/ {print $0}' <<<"$out")
  printf '%-60s %8s req/s  p50 %-8s p99 %-8s non-2xx/3xx %s %s\n' "$path" "$rps" "$p50" "$p99" "${bad:-0}" "$errors"
  if [ -n "$bad" ] || [ -n "$errors" ]; then failed=1; fi
done
exit $failed
