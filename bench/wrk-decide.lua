-- wrk script: POST one decision per request (a US account 31 days overdue: scored, planned, messages written).
-- Every request has its own account id, so each one is a new audit record (not a primary-key hit).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local template = [[{"as_of":"2026-11-28T09:00:00Z","account":{"id":"LOAD-ID","jurisdiction":"US","currency":"USD","balances":{"principal":1000000,"interest":20000,"fees":0},"instalments":[{"due":"2026-10-28","amount":100000},{"due":"2026-12-28","amount":100000}],"borrower":{"name":"Ann Lee","locale":"en-US","time_zone":"America/New_York"},"channels":{"sms":{"address":"+1 555 0100","consent":true},"email":{"address":"ann@example.com"}}}}]]

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
request = function()
  n = n + 1
  local body = template:gsub("LOAD%-ID", "LOAD-" .. tostring(tid) .. "-" .. n)
  return wrk.format(nil, nil, nil, body)
end

local non2xx = 0
response = function(status, headers, body)
  if status >= 300 then non2xx = non2xx + 1 end
end
