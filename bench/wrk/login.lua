-- POST login with a password (bcrypt cost 10, as Rocket.Chat), many users.
package.path = package.path .. ";" .. os.getenv("BENCH_WRK_DIR") .. "/?.lua"
local common = require("common")
local users

function init(args)
  users = common.lines(os.getenv("BENCH_DATA") .. "/usernames.txt")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("POST", "/api/v1/login", { ["Content-Type"] = "application/json" },
    '{"user":"' .. users[math.random(#users)] .. '","password":"bench-password"}')
end

function done(summary, latency, requests)
  common.report(summary, latency)
end
