-- POST /session over the benchmark's accounts (bench-<i>@example.com), in turn.
-- args: CLIENT_ID ACCOUNTS
dofile("bench/lua/tally.lua")

function init(args)
  client_id, accounts = args[1], tonumber(args[2])
  -- The threads start at different accounts.
  counter = id
  start_counting()
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
  count(status, 200)
end
