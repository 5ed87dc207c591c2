-- POST /session for the benchmark's accounts, in turn.
function init(args)
  client_id, accounts = args[1], tonumber(args[2])
  counter = 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/session", {
    ["x-koms-clientid"] = client_id,
    ["Content-Type"] = "application/json",
  }, '{"account_type":"traditional","email":"bench-' .. (counter % accounts) ..
     '@example.com","password":"correct horse battery"}')
end
