-- Headless Neovim test of the zhproof integration:
--   ZHPROOF_BIN=target/debug/zhproof nvim --headless -u NONE -l editors/nvim/test/run.lua
-- Opens a fixture article, waits for zhproof's diagnostics, asks for a hover
-- and the document symbols, applies a quick fix, runs :checkhealth zhproof,
-- and prints "N passed, M failed".
local here = vim.fs.dirname(vim.fs.normalize(debug.getinfo(1, 'S').source:sub(2)))
local plugin = vim.fs.dirname(here)
local repo = vim.fs.dirname(vim.fs.dirname(plugin))
vim.opt.runtimepath:prepend(plugin)
vim.cmd('filetype on')

local bin = os.getenv('ZHPROOF_BIN') or (repo .. '/target/debug/zhproof')
local passed, failed = 0, 0
-- io.write, not print: each result on a line of its own whatever Neovim
-- printed before it
local function print(line)
  io.stdout:write(line .. '\n')
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    print('ok - ' .. name)
  else
    failed = failed + 1
    print('not ok - ' .. name .. (detail and (': ' .. tostring(detail)) or ''))
  end
end

-- the article, copied so that the quick fix does not touch the repository
local tmp = vim.fn.tempname()
vim.fn.mkdir(tmp, 'p')
local article = tmp .. '/news_report.txt'
vim.fn.writefile(vim.fn.readfile(repo .. '/tests/fixtures/news_report.txt'), article)
vim.fn.writefile({ '[rules]' }, tmp .. '/.zhproof.toml')

require('zhproof').setup({ cmd = { bin, 'lsp' }, settings = { rules = { ['punct-halfwidth'] = 'hint' }, words = { '滨河新区' } } })
vim.cmd.edit(article)
vim.bo.filetype = 'text'

local get = vim.lsp.get_clients or vim.lsp.get_active_clients
local attached = vim.wait(15000, function()
  return #get({ bufnr = 0, name = 'zhproof' }) > 0
end, 50)
check('client attaches to a text buffer', attached)
local client = get({ bufnr = 0, name = 'zhproof' })[1]
if not client then
  print(('%d passed, %d failed'):format(passed, failed + 1))
  vim.cmd('cquit 1')
end
check('root is the directory with .zhproof.toml', client.config.root_dir == tmp, client.config.root_dir)

local got = vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local diags = vim.diagnostic.get(0)
check('diagnostics arrive', got and #diags > 0)
local halfwidth
for _, d in ipairs(diags) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  if code == 'punct-halfwidth' and not halfwidth then
    halfwidth = d
  end
end
check('a punct-halfwidth diagnostic from zhproof', halfwidth ~= nil and halfwidth.source == 'zhproof')
check('settings reach the server (severity hint)', halfwidth ~= nil and halfwidth.severity == vim.diagnostic.severity.HINT, halfwidth and halfwidth.severity)

-- client:request_sync on 0.11+, client.request_sync before
local function request(method, params)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request_sync(method, params, 10000, 0)
  end
  return client.request_sync(method, params, 10000, 0)
end

-- document symbols
local syms = request('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(0) })
local names = {}
if syms and syms.result then
  for _, s in ipairs(syms.result) do
    table.insert(names, s.name)
    for _, c in ipairs(s.children or {}) do
      table.insert(names, '  ' .. c.name)
    end
  end
end
check('document symbols: title and sections', names[1] == '滨河新区多措并举推动“学思践悟”主题活动走深走实' and #names == 4, vim.inspect(names))

-- hover on a figure: "200余个" in the second body paragraph
local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
local hover_line, hover_col
for i, l in ipairs(lines) do
  local s = l:find('200余个', 1, true)
  if s then
    hover_line, hover_col = i - 1, s - 1
    break
  end
end
local enc = client.offset_encoding or 'utf-16'
local hover_text = ''
if hover_line then
  local col = vim.str_utfindex(lines[hover_line + 1], enc, hover_col)
  local h = request('textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(0),
    position = { line = hover_line, character = col },
  })
  if h and h.result and h.result.contents then
    local c = h.result.contents
    hover_text = type(c) == 'table' and (c.value or vim.inspect(c)) or tostring(c)
  end
end
check('hover on a figure shows its value', hover_text:find('200', 1, true) ~= nil, hover_text)

-- quick fix for the half-width mark
if halfwidth then
  local lnum = halfwidth.lnum
  local before = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1]
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(0),
    range = {
      start = { line = halfwidth.lnum, character = vim.str_utfindex(before, enc, halfwidth.col) },
      ['end'] = { line = halfwidth.end_lnum, character = vim.str_utfindex(before, enc, halfwidth.end_col) },
    },
    context = { diagnostics = { halfwidth.user_data.lsp }, only = { 'quickfix' } },
  }
  local res = request('textDocument/codeAction', params)
  local action = res and res.result and res.result[1]
  check('a quick fix is offered', action ~= nil and action.edit ~= nil)
  if action and action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, enc)
    local after = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1]
    local removed = before:sub(halfwidth.col + 1, halfwidth.end_col)
    check('the quick fix replaces the half-width mark', after ~= before and #after >= #before and removed:match('^[,:;?!()]$') ~= nil, before .. ' => ' .. after)
  end
end

-- :checkhealth zhproof
vim.cmd('checkhealth zhproof')
local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
check(':checkhealth zhproof finds the binary and the server', health:find('binary found', 1, true) ~= nil and health:find('server started', 1, true) ~= nil, health)

print(('%d passed, %d failed'):format(passed, failed))
vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
