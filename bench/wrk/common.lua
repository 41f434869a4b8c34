-- Shared by the benchmark scripts: reading the request list, pacing to a fixed rate, and the
-- summary printed as one JSON line that bench/run parses.
--
-- Script arguments (after "--" on the wrk command line): <requests file> [rate per second]
-- The requests file has one request per line: METHOD<TAB>PATH<TAB>HEADERS<TAB>BODY, where
-- HEADERS is "Name: value|Name: value" and "{KEY}" in PATH or BODY becomes a unique key.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local M = {}
M.now_ms = now_ms
local requests = {}
local index = 0
local counter = 0
local interval = nil
local next_slot = nil
local prefix = ""

local function split(line, sep)
  local out, start = {}, 1
  while true do
    local i = string.find(line, sep, start, true)
    if not i then
      table.insert(out, string.sub(line, start))
      return out
    end
    table.insert(out, string.sub(line, start, i - 1))
    start = i + #sep
  end
end

function M.setup(thread)
  thread:set("thread_id", tostring(math.random(1, 1e9)))
end

function M.init(args)
  local path, rate, threads = args[1], tonumber(args[2] or ""), tonumber(args[3] or "1")
  prefix = (thread_id or tostring(math.random(1, 1e9))) .. "-" .. tostring(os.time())
  for line in io.lines(path) do
    if #line > 0 then
      local f = split(line, "\t")
      local headers = {}
      if f[3] and #f[3] > 0 then
        for _, h in ipairs(split(f[3], "|")) do
          local c = string.find(h, ": ", 1, true)
          headers[string.sub(h, 1, c - 1)] = string.sub(h, c + 2)
        end
      end
      local body = f[4]
      if body and #body > 0 then body = string.gsub(body, "\\n", "\n") else body = nil end
      table.insert(requests, { method = f[1], path = f[2], headers = headers, body = body })
    end
  end
  math.randomseed(os.time() + math.random(1, 1e6))
  index = math.random(1, #requests)
  if rate and rate > 0 then
    interval = 1000.0 * threads / rate  -- this thread's share of the rate
  end
end

function M.request()
  index = index % #requests + 1
  counter = counter + 1
  local r = requests[index]
  local key = prefix .. "-" .. counter
  local path = string.gsub(r.path, "{KEY}", key)
  local body = r.body and string.gsub(r.body, "{KEY}", key) or nil
  return wrk.format(r.method, path, r.headers, body)
end

-- Open-loop pacing for a fixed rate (wrk itself has none): each call reserves the thread's
-- next send slot. Latency is still timed from the send, as wrk does.
function M.delay()
  local now = now_ms()
  if next_slot == nil or next_slot < now - 1000 then next_slot = now end
  next_slot = next_slot + interval
  local wait = next_slot - now
  if wait < 0 then return 0 end
  return wait
end

function M.done(summary, latency, requests_, sent)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"sent": %d, "requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    sent or summary.requests, summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max))
end

return M
