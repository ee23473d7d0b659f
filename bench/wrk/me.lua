-- GET me: the authentication path alone, with many users' tokens.
package.path = package.path .. ";" .. os.getenv("BENCH_WRK_DIR") .. "/?.lua"
local common = require("common")
local sessions

function init(args)
  sessions = common.lines(os.getenv("BENCH_DATA") .. "/sessions.txt")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local id, token = common.split(sessions[math.random(#sessions)])
  return wrk.format("GET", "/api/v1/me", { ["X-User-Id"] = id, ["X-Auth-Token"] = token })
end

function done(summary, latency, requests)
  common.report(summary, latency)
end
