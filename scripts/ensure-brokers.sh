#!/usr/bin/env bash
# The broker tests (test/brokers) start Debian's Mosquitto and RabbitMQ themselves, on loopback, and
# the multi-node tests (test/multinode) start Debian's redis-server the same way.
# Installs them when missing and we may (root with apt-get); otherwise says what to do.
# Idempotent: exits at once when both are installed.
set -euo pipefail
needed=()
[ -x /usr/sbin/mosquitto ] && [ -x /usr/bin/mosquitto_passwd ] || needed+=(mosquitto)
[ -x /usr/sbin/rabbitmq-server ] && [ -x /usr/sbin/rabbitmq-plugins ] || needed+=(rabbitmq-server)
[ -x /usr/bin/redis-server ] && [ -x /usr/bin/redis-cli ] || needed+=(redis-server)
if [ "${#needed[@]}" -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${needed[*]} for the broker tests..."
  apt-get update -qq
  # policy-rc.d 101: the packages must not start system-wide brokers (port 1883, 5672, 6379) on install;
  # the tests start their own on loopback and free ports.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
  exit 0
fi
echo "Missing broker packages: ${needed[*]}. Install them with: sudo apt-get install -y mosquitto rabbitmq-server redis-server" >&2
exit 1
