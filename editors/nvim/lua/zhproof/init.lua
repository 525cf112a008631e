-- zhproof for Neovim: require('zhproof').setup{} works on 0.9 and newer.
-- On 0.11+ it uses vim.lsp.config/vim.lsp.enable; on 0.9–0.10 it starts the
-- client with vim.lsp.start for text and markdown buffers.
local M = {}

M.defaults = {
  cmd = { 'zhproof', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { '.zhproof.toml', '.git' },
  -- passed to the server as the `zhproof` settings section:
  -- { rules = { ['punct-halfwidth'] = 'off' }, style = { spacing = 'none', quotes = '“”' },
  --   words = { '高实集团' }, articleDate = '2018-11-05' }
  settings = {},
}

M.config = vim.deepcopy(M.defaults)

local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= '' and vim.fs.dirname(name) or vim.loop.cwd()
  local found = vim.fs.find(M.config.root_markers, { upward = true, path = start })[1]
  return found and vim.fs.dirname(found) or start
end

--- Warn once (a session) when the server binary cannot be found: without it
--- the client never starts, and Neovim says so only in :checkhealth.
function M.check_binary(cmd)
  if M.warned or type(cmd) ~= 'table' or type(cmd[1]) ~= 'string' then
    return true
  end
  if vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  M.warned = true
  vim.notify(
    ('zhproof: 未找到 zhproof 可执行文件 / binary not found: %s. '
      .. 'Install it with `cargo install --locked --path .` or set cmd '
      .. '(vim.lsp.config("zhproof", { cmd = { "/path/to/zhproof", "lsp" } })). See :checkhealth zhproof'):format(cmd[1]),
    vim.log.levels.WARN
  )
  return false
end

--- The commands, for both ways of enabling zhproof (setup{} and
--- vim.lsp.enable('zhproof') with plugin/zhproof.lua).
function M.create_commands()
  vim.api.nvim_create_user_command('ZhproofFixAll', function()
    M.fix_all()
  end, { desc = 'zhproof: fix all fixable problems in the buffer', force = true })
end

local function start(bufnr)
  if not M.check_binary(M.config.cmd) then
    return nil
  end
  return vim.lsp.start({
    name = 'zhproof',
    cmd = M.config.cmd,
    root_dir = root_dir(bufnr),
    settings = { zhproof = M.config.settings },
  }, { bufnr = bufnr })
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config('zhproof', {
      cmd = M.config.cmd,
      filetypes = M.config.filetypes,
      root_markers = M.config.root_markers,
      settings = { zhproof = M.config.settings },
    })
    vim.lsp.enable('zhproof')
    M.watch_enabled()
  else
    local group = vim.api.nvim_create_augroup('zhproof', { clear = true })
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.config.filetypes,
      callback = function(args)
        start(args.buf)
      end,
    })
  end
  M.create_commands()
end

--- On the vim.lsp.enable path: check the configured binary when a buffer
--- of one of its filetypes opens (once a session).
function M.watch_enabled()
  local group = vim.api.nvim_create_augroup('zhproof_enabled', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    callback = function(args)
      local ok, cfg = pcall(function()
        return vim.lsp.config.zhproof
      end)
      if not ok or type(cfg) ~= 'table' then
        return
      end
      if vim.lsp.is_enabled and not vim.lsp.is_enabled('zhproof') then
        return
      end
      if vim.tbl_contains(cfg.filetypes or {}, vim.bo[args.buf].filetype) then
        M.check_binary(cfg.cmd)
      end
    end,
  })
end

--- Apply the server's source.fixAll.zhproof action to the current buffer.
function M.fix_all()
  vim.lsp.buf.code_action({
    context = { only = { 'source.fixAll.zhproof' }, diagnostics = {} },
    apply = true,
  })
end

return M
