-- Requests read from a file (see common.lua), at full speed.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
init = common.init
request = common.request
done = common.done
