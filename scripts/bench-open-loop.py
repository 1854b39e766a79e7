#!/usr/bin/env python3
"""Open-loop load for `make bench-service`: POSTs one-page invoices at a constant arrival rate.

Unlike wrk's closed loop (N clients, each waiting for its answer before asking again), requests
here are sent on a fixed schedule whatever the server does, as independent callers would: request
i is due at start + i / RATE. Its latency is measured from the moment it was due, not from when a
connection became free, so a server that falls behind shows it in the percentiles instead of
slowing the load down (no coordinated omission).

Usage: bench-open-loop.py URL KEY BODY_FILE [--rate 100] [--duration 30]
BODY_FILE holds the request body with @@NUMBER@@ where each request puts its own document number.
Prints the offered and achieved rate, latency percentiles and the answers by status.
"""
import argparse
import asyncio
import time
import urllib.parse


class Connection:
    """One keep-alive HTTP/1.1 connection (asyncio streams, no dependencies)."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, head, body):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(head + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
            elif name.strip().lower() == "connection" and value.strip().lower() == "close":
                close = True
        if length:
            await self.reader.readexactly(length)
        if close:
            self.close()
        return status

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run(url, key, template, rate, duration):
    parsed = urllib.parse.urlsplit(url)
    host, port = parsed.hostname, parsed.port or 80
    idle = []  # connections free for the next request
    latencies, statuses, failures = [], {}, {}
    total = int(rate * duration)
    start = time.perf_counter() + 0.2

    async def one(index):
        due = start + index / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        body = template.replace(b"@@NUMBER@@", b"OPEN-%d-%d" % (int(start), index))
        head = (
            f"POST /v1/documents HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        connection = idle.pop() if idle else Connection(host, port)
        try:
            status = await connection.request(head, body)
            statuses[status] = statuses.get(status, 0) + 1
            latencies.append(time.perf_counter() - due)
            idle.append(connection)
        except Exception as error:  # counted and reported, never silently dropped
            connection.close()
            failures[type(error).__name__] = failures.get(type(error).__name__, 0) + 1

    tasks = [asyncio.create_task(one(i)) for i in range(total)]
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    for connection in idle:
        connection.close()
    return latencies, statuses, failures, elapsed


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("key")
    parser.add_argument("body")
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--duration", type=float, default=30)
    options = parser.parse_args()
    template = open(options.body, "rb").read()
    latencies, statuses, failures, elapsed = asyncio.run(
        run(options.url, options.key, template, options.rate, options.duration))
    values = sorted(latencies)
    ms = lambda v: v * 1000
    print(f"open loop: offered {options.rate:.0f} requests/s for {options.duration:.0f} s; "
          f"answered {len(values)} in {elapsed:.1f} s ({len(values) / elapsed:.1f}/s)")
    print(f"  latency from the scheduled send: p50 {ms(percentile(values, 0.5)):.1f} ms, "
          f"p90 {ms(percentile(values, 0.9)):.1f} ms, p99 {ms(percentile(values, 0.99)):.1f} ms, "
          f"max {ms(values[-1]) if values else float('nan'):.1f} ms")
    answers = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    print(f"  answers by status: {answers or 'none'}"
          + (f"; connection failures: {failures}" if failures else ""))


if __name__ == "__main__":
    main()
