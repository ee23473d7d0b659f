-- POST users.createToken: admin callers (never rate limited) mint for random non-admin users.
package.path = package.path .. ";" .. os.getenv("BENCH_WRK_DIR") .. "/?.lua"
local common = require("common")
local admins, targets
local counter = 0

function init(args)
  admins = common.lines(os.getenv("BENCH_DATA") .. "/admins.txt")
  targets = common.lines(os.getenv("BENCH_DATA") .. "/targets.txt")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  counter = counter + 1
  local id, token = common.split(admins[(counter % #admins) + 1])
  local target = targets[math.random(#targets)]
  return wrk.format("POST", "/api/v1/users.createToken",
    { ["X-User-Id"] = id, ["X-Auth-Token"] = token, ["Content-Type"] = "application/json" },
    '{"userId":"' .. target .. '"}')
end

function done(summary, latency, requests)
  common.report(summary, latency)
end
