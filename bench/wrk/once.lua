-- A burst: every request of the file sent exactly once, at a fixed overall rate (open loop,
-- latency timed from each send), then the thread idles until wrk's duration ends. The
-- threads share the file: thread k of n sends lines k, k + n, k + 2n... A line repeated in
-- the file (a retry, a double tap) is sent again, by the next thread, at about the same time.
--
-- Script arguments: <requests file> <rate per second> <threads>
-- The summary line adds "sent" (requests sent) to the common one; "requests" counts the
-- answers received and "status_errors" the answers of 400 and above.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local counter = 0
local threads = {}

function setup(thread)
  thread:set("part", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local mine = {}
-- globals: done() reads "sent" of each thread (thread:get)
reserved, sent, answered = 0, 0, 0
local interval, next_slot = 0, nil
local IDLE_MS = 3600 * 1000

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

function init(args)
  local path, rate, parts = args[1], tonumber(args[2]), tonumber(args[3])
  local n = 0
  for line in io.lines(path) do
    if #line > 0 then
      if n % parts == part then
        local f = split(line, "\t")
        local headers = {}
        if f[3] and #f[3] > 0 then
          for _, h in ipairs(split(f[3], "|")) do
            local c = string.find(h, ": ", 1, true)
            headers[string.sub(h, 1, c - 1)] = string.sub(h, c + 2)
          end
        end
        local body = f[4]
        if body and #body == 0 then body = nil end
        table.insert(mine, wrk.format(f[1], f[2], headers, body))
      end
      n = n + 1
    end
  end
  interval = 1000.0 * parts / rate
end

function delay()
  -- each call reserves one line for the request its connection sends next
  if reserved >= #mine then return IDLE_MS end
  reserved = reserved + 1
  local now = common.now_ms()
  if next_slot == nil then next_slot = now end
  next_slot = next_slot + interval
  local wait = next_slot - interval - now
  if wait < 0 then return 0 end
  return wait
end

function request()
  -- wrk calls request() once on thread 0 before any delay() (script_verify_request: does the
  -- request parse?); that is not a send. Counted as one, it made thread 0 skip its first line
  -- (one participant never sent) and send its last line twice (a 400 as a second use).
  if reserved == 0 then return mine[1] end
  -- The lines go out in the order delay() reserved them (the slots' timers fire in order).
  -- wrk resends without asking delay() when a connection broke before its answer: that
  -- resend goes out as what a phone does then, the thread's last request again (a retry)
  sent = sent + 1
  return mine[math.min(sent, #mine)]
end

function response(status, headers, body)
  answered = answered + 1
  if answered >= #mine then wrk.thread:stop() end
end

function done(summary, latency, requests_)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("sent") end
  common.done(summary, latency, requests_, total)
end
