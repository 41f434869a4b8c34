-- Requests read from a file at full speed (see common.lua), each answer counted by status class
-- per 100 ms of CLOCK_MONOTONIC, the clock Python's time.monotonic() reads on Linux, so the
-- caller can split the run at moments it chose (bench.topology_run: before the replica stops,
-- within the lag bound after, past it).
--
-- Script arguments: <requests file>
-- Adds a line "BENCH_TIMELINE {"<slot>:<class>": count, ...}" (slot = milliseconds // 100;
-- class 2xx, 5xx or other) after the common summary line.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local threads = {}

function setup(thread)
  common.setup(thread)
  table.insert(threads, thread)
end

init = common.init
request = common.request

-- global: done() reads each thread's copy (thread:get)
timeline = {}

function response(status, headers, body)
  local class = "other"
  if status >= 500 then
    class = "5xx"
  elseif status >= 200 and status < 300 then
    class = "2xx"
  end
  local key = string.format("%d:%s", math.floor(common.now_ms() / 100), class)
  timeline[key] = (timeline[key] or 0) + 1
end

function done(summary, latency, requests_)
  common.done(summary, latency, requests_)
  local total = {}
  for _, t in ipairs(threads) do
    for key, count in pairs(t:get("timeline")) do
      total[key] = (total[key] or 0) + count
    end
  end
  local parts = {}
  for key, count in pairs(total) do
    table.insert(parts, string.format('"%s": %d', key, count))
  end
  io.write("BENCH_TIMELINE {" .. table.concat(parts, ", ") .. "}\n")
end
