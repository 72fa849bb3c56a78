#!/usr/bin/env bash
# Start the services the test suite talks to, when they are not answering already:
# PostgreSQL (127.0.0.1:5432, database `test`, trust auth), Redis (6379) and RabbitMQ
# (5672). Each is checked with a quick TCP connect first, so this is instant when all run.
set -euo pipefail

answers() {  # host port: true when something accepts a TCP connection there
    timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

wait_for() {  # name port: up to 60 s for a service that was just started
    for _ in $(seq 1 120); do
        answers 127.0.0.1 "$2" && { echo "$1: started"; return 0; }
        sleep 0.5
    done
    echo "error: $1 did not start on port $2; see its log" >&2
    return 1
}

if answers 127.0.0.1 5432; then
    echo "postgresql: running"
elif command -v pg_ctlcluster >/dev/null; then
    version=$(ls /etc/postgresql | sort -V | tail -n1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    wait_for postgresql 5432
else
    echo "error: PostgreSQL is not running on 127.0.0.1:5432 and pg_ctlcluster is not here" >&2
    exit 1
fi
if command -v psql >/dev/null && ! psql -h 127.0.0.1 -U postgres -d test -Atc "select 1" >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE test" >/dev/null
    echo "postgresql: created database test"
fi

if answers 127.0.0.1 6379; then
    echo "redis: running"
elif command -v redis-server >/dev/null; then
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for redis 6379
else
    echo "redis: not installed (no test needs it yet)"
fi

if answers 127.0.0.1 5672; then
    echo "rabbitmq: running"
elif command -v rabbitmq-server >/dev/null; then
    rabbitmq-server -detached
    wait_for rabbitmq 5672
else
    echo "rabbitmq: not installed (no test needs it yet)"
fi
