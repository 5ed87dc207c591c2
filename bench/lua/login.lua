-- POST /session over the benchmark's accounts (bench-<i>@example.com), in turn.
-- args: CLIENT_ID ACCOUNTS
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  client_id, accounts = args[1], tonumber(args[2])
  -- The threads start at different accounts.
  counter = id
  ok, statuses = 0, {}
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/session", {
    ["x-koms-clientid"] = client_id,
    ["Content-Type"] = "application/json",
  }, '{"account_type":"traditional","email":"bench-' .. (counter % accounts) ..
     '@example.com","password":"correct horse battery"}')
end

function response(status, headers, body)
  local key = "status_" .. status
  statuses[key] = (statuses[key] or 0) + 1
  if status == 200 then
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
