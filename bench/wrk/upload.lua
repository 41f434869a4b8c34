-- 1 MB PDF uploads (multipart) to the applicant's drafts. Args: <paths file> <body file>
-- where each line of the paths file is PATH<TAB>HEADERS (as in common.lua) and the body file
-- holds the raw multipart body (its boundary is in the Content-Type header of each line).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local targets = {}
local body = nil
local index = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      local tab = string.find(line, "\t", 1, true)
      local headers = {}
      for h in string.gmatch(string.sub(line, tab + 1), "[^|]+") do
        local c = string.find(h, ": ", 1, true)
        headers[string.sub(h, 1, c - 1)] = string.sub(h, c + 2)
      end
      table.insert(targets, { path = string.sub(line, 1, tab - 1), headers = headers })
    end
  end
  local f = assert(io.open(args[2], "rb"))
  body = f:read("*a")
  f:close()
  math.randomseed(os.time() + math.random(1, 1e6))
  index = math.random(1, #targets)
end

function request()
  index = index % #targets + 1
  local t = targets[index]
  return wrk.format("POST", t.path, t.headers, body)
end

done = common.done
