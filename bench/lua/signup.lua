-- POST /user, each with an email no one has used: the run's id, the thread
-- and a counter.
-- args: CLIENT_ID RUN_ID
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  client_id, run = args[1], args[2]
  counter = 0
  ok, statuses = 0, {}
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/user", {
    ["x-koms-clientid"] = client_id,
    ["Content-Type"] = "application/json",
  }, '{"email":"new-' .. run .. '-' .. id .. '-' .. counter ..
     '@example.com","password":"correct horse battery"}')
end

function response(status, headers, body)
  local key = "status_" .. status
  statuses[key] = (statuses[key] or 0) + 1
  if status == 201 then
    ok = ok + 1
  end
end

function done(summary, latency, requests)
  local totals = { ok = 0 }
  for _, thread in ipairs(threads) do
    totals.ok = totals.ok + thread:get("ok")
    for key, count in pairs(thread:get("statuses")) do
      totals[key] = (totals[key] or 0) + count
    end
  end
  local line = "lua"
  for key, count in pairs(totals) do
    line = line .. " " .. key .. "=" .. count
  end
  print(line)
end
