-- Requests read from a file (see common.lua), paced to a fixed total rate (args: file rate
-- threads).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
init = common.init
request = common.request
delay = common.delay
done = common.done
