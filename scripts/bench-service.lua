-- wrk script for `make bench-service`: POSTs one-page invoices, each with its own document
-- number, and counts the answers by status across all threads.
--
-- Environment: BENCH_BODY (a request body file with the placeholder @@NUMBER@@ where the
-- document number goes), BENCH_KEY (the API key).

local placeholder = "@@NUMBER@@"

local function read_body()
  local path = assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set")
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  local from, to = text:find(placeholder, 1, true)
  assert(from, "no " .. placeholder .. " in " .. path)
  return text:sub(1, from - 1), text:sub(to + 1)
end

-- Runs in the main Lua state: number the threads and keep them for done().
local threads = {}
local next_thread_id = 1

function setup(thread)
  thread:set("id", next_thread_id)
  table.insert(threads, thread)
  next_thread_id = next_thread_id + 1
end

-- Runs in each thread's own Lua state from here on.
local prefix, suffix
local headers
local sent = 0
statuses = {}

function init(args)
  prefix, suffix = read_body()
  headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. assert(os.getenv("BENCH_KEY"), "BENCH_KEY is not set"),
  }
end

-- BENCH_SERIES=1 leaves the number empty, so every document draws from one series (the
-- cluster benchmark's second mode: renders inside the series lock, one at a time).
local series = os.getenv("BENCH_SERIES") == "1"

function request()
  sent = sent + 1
  local number = series and "" or string.format("BENCH-%d-%06d", id, sent)
  return wrk.format("POST", "/v1/documents", headers, prefix .. number .. suffix)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

local function describe(status)
  if status == 201 then return "created" end
  if status == 503 then return "overloaded (deliberate, Retry-After)" end
  if status == 429 then return "rate limited (deliberate)" end
  return "ERROR"
end

-- Runs in the main state after every thread stopped.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local codes = {}
  for status in pairs(total) do table.insert(codes, status) end
  table.sort(codes)

  io.write("\n== docengine serve: POST /v1/documents (one-page invoice) ==\n")
  io.write(string.format("responses      %d in %.1f s\n", summary.requests, seconds))
  io.write(string.format("throughput     %.1f responses/s\n", summary.requests / seconds))
  local created = total[201] or 0
  io.write(string.format("documents      %.1f created/s\n", created / seconds))
  io.write(string.format("latency p50    %.1f ms\n", latency:percentile(50) / 1000))
  io.write(string.format("latency p90    %.1f ms\n", latency:percentile(90) / 1000))
  io.write(string.format("latency p99    %.1f ms\n", latency:percentile(99) / 1000))
  io.write(string.format("latency max    %.1f ms\n", latency.max / 1000))
  io.write("by status:\n")
  for _, status in ipairs(codes) do
    io.write(string.format("  %3d  %8d  %s\n", status, total[status], describe(status)))
  end
  local errors = summary.errors
  io.write(string.format(
    "socket errors  connect %d, read %d, write %d, timeout %d\n",
    errors.connect, errors.read, errors.write, errors.timeout))
end
