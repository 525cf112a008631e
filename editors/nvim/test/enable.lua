-- Headless test of the vim.lsp.enable('zhproof') path (Neovim 0.11+), without
-- require('zhproof').setup{}:
--   ZHPROOF_BIN=target/debug/zhproof nvim --headless -u NONE -l editors/nvim/test/enable.lua
-- plugin/zhproof.lua (loaded as a plugin manager would) must give the same
-- :ZhproofFixAll command and warn once when the binary is missing; with the
-- binary, :ZhproofFixAll and vim.lsp.buf.format() (= zhproof check --fix)
-- change the buffer, and the sections are symbols of structural kinds.
-- Prints "N passed, M failed".
local here = vim.fs.dirname(vim.fs.normalize(debug.getinfo(1, 'S').source:sub(2)))
local plugin = vim.fs.dirname(here)
local repo = vim.fs.dirname(vim.fs.dirname(plugin))
local bin = os.getenv('ZHPROOF_BIN') or (repo .. '/target/debug/zhproof')
local passed, failed = 0, 0
-- io.write, not print: each result on a line of its own whatever Neovim
-- printed before it
local function say(line)
  io.stdout:write(line .. '\n')
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('ok - ' .. name)
  else
    failed = failed + 1
    say('not ok - ' .. name .. (detail and (': ' .. tostring(detail)) or ''))
  end
end
if not (vim.lsp.config and vim.lsp.enable) then
  say('0 passed, 0 failed (vim.lsp.enable needs Neovim 0.11)')
  vim.cmd('qall!')
end

vim.opt.runtimepath:prepend(plugin)
vim.cmd('filetype on')
vim.cmd('runtime! plugin/zhproof.lua')

local warnings = {}
local notify = vim.notify
vim.notify = function(msg, level, opts)
  if level == vim.log.levels.WARN and tostring(msg):find('zhproof', 1, true) then
    table.insert(warnings, msg)
  end
  return notify(msg, level, opts)
end

local tmp = vim.fn.tempname()
vim.fn.mkdir(tmp, 'p')
vim.fn.writefile({ '[rules]' }, tmp .. '/.zhproof.toml')
local function article(name)
  local p = tmp .. '/' .. name
  vim.fn.writefile(vim.fn.readfile(repo .. '/tests/fixtures/news_report.txt'), p)
  return p
end

check(':ZhproofFixAll exists without setup{}', vim.fn.exists(':ZhproofFixAll') == 2)

-- a missing binary: one warning, however many buffers open
vim.lsp.config('zhproof', { cmd = { tmp .. '/no-such-zhproof', 'lsp' } })
vim.lsp.enable('zhproof')
vim.cmd.edit(article('a.txt'))
vim.cmd.edit(article('b.txt'))
vim.wait(500, function()
  return false
end)
check('a missing binary is a warning, once', #warnings == 1, vim.inspect(warnings))
check('the warning names the binary and the fix', warnings[1] ~= nil and warnings[1]:find('no-such-zhproof', 1, true) ~= nil and warnings[1]:find('cmd', 1, true) ~= nil, warnings[1])
vim.lsp.enable('zhproof', false)
vim.cmd('silent! %bwipeout!')

-- the real binary
vim.lsp.config('zhproof', { cmd = { bin, 'lsp' } })
vim.lsp.enable('zhproof')
local path = article('c.txt')
vim.cmd.edit(path)
local attached = vim.wait(15000, function()
  return #vim.lsp.get_clients({ bufnr = 0, name = 'zhproof' }) > 0
end, 50)
check('the enabled config attaches to a text buffer', attached)
local client = vim.lsp.get_clients({ bufnr = 0, name = 'zhproof' })[1]
if not client then
  say(('%d passed, %d failed'):format(passed, failed + 1))
  vim.cmd('cquit 1')
end
vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local before = #vim.diagnostic.get(0)
check('diagnostics arrive', before > 0)

-- document symbols: the title a File, the sections Modules (not Strings)
local syms = client:request_sync('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(0) }, 10000, 0)
local kinds = {}
for _, s in ipairs((syms and syms.result) or {}) do
  table.insert(kinds, vim.lsp.protocol.SymbolKind[s.kind])
  for _, c in ipairs(s.children or {}) do
    table.insert(kinds, vim.lsp.protocol.SymbolKind[c.kind])
  end
end
check('section symbols read as structure', vim.deep_equal(kinds, { 'File', 'Module', 'Module', 'Module' }), vim.inspect(kinds))

-- each diagnostic links to its rule's documentation
local d1 = vim.diagnostic.get(0)[1]
local href = d1 and d1.user_data and d1.user_data.lsp and d1.user_data.lsp.codeDescription and d1.user_data.lsp.codeDescription.href
check('diagnostics carry a rule link', href ~= nil and href:find('docs/rules.md#' .. d1.code, 1, true) ~= nil, href)

-- vim.lsp.buf.format() = zhproof check --fix
local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'
local want = vim.fn.system({ bin, 'check', '--fix', '--stdin-filename', path, '-' }, text)
vim.lsp.buf.format({ bufnr = 0, timeout_ms = 10000 })
local formatted = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'
check('vim.lsp.buf.format() gives what zhproof check --fix gives', formatted == want and formatted ~= text)

-- :ZhproofFixAll on a fresh copy
vim.cmd('silent! %bwipeout!')
vim.cmd.edit(article('d.txt'))
vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local lines_before = vim.api.nvim_buf_get_lines(0, 0, -1, false)
vim.cmd('ZhproofFixAll')
local changed = vim.wait(10000, function()
  return not vim.deep_equal(vim.api.nvim_buf_get_lines(0, 0, -1, false), lines_before)
end, 50)
check(':ZhproofFixAll changes the buffer', changed)

say(('%d passed, %d failed'):format(passed, failed))
vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
