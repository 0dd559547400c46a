-- A real editor against `flowplay lsp`: headless Neovim (Debian's 0.7 has vim.lsp.start_client;
-- vim.lsp.start came in 0.8) opens a broken workflow, and this script checks the diagnostics
-- (codes and lines), applies a code action through Neovim's own workspace-edit code (which sends
-- the edit back to the server as an incremental change), and asks for completion and hover.
--
-- Run by run-neovim.sh: FLOWPLAY is the binary, WORKFLOW a copy of broken.yaml to edit.
-- Exits 0 when every check passes, 1 (with the failures on stderr) otherwise.

local failures = {}
local function check(ok, what)
  if not ok then
    table.insert(failures, what)
  end
end

local function finish()
  if #failures == 0 then
    io.stdout:write("neovim: every check passed\n")
    vim.cmd("qall!")
  else
    for _, f in ipairs(failures) do
      io.stderr:write("neovim: FAILED: " .. f .. "\n")
    end
    vim.cmd("cquit 1")
  end
end

local ok, err = pcall(function()
  local flowplay = assert(os.getenv("FLOWPLAY"), "FLOWPLAY is not set")
  local workflow = assert(os.getenv("WORKFLOW"), "WORKFLOW is not set")
  vim.cmd("edit " .. vim.fn.fnameescape(workflow))
  local buf = vim.api.nvim_get_current_buf()
  local exit_code
  local client_id = vim.lsp.start_client({
    name = "flowplay",
    cmd = { flowplay, "lsp" },
    root_dir = vim.fn.fnamemodify(workflow, ":h"),
    on_exit = function(code) exit_code = code end,
  })
  assert(client_id, "flowplay lsp did not start")
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  -- Diagnostics as Neovim stores them: 0-based lines, the code from the server.
  local function diagnostics()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      out[#out + 1] = { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), lnum = d.lnum, col = d.col }
    end
    table.sort(out, function(a, b) return a.lnum < b.lnum end)
    return out
  end
  local function wait_for(what, predicate)
    local done = vim.wait(10000, predicate, 20)
    check(done, "timed out waiting for " .. what .. "; diagnostics: " .. vim.inspect(diagnostics()))
    return done
  end

  wait_for("the first diagnostics", function() return #vim.diagnostic.get(buf) >= 2 end)
  local found = diagnostics()
  check(#found == 2, "two findings, got " .. vim.inspect(found))
  check(found[1] and found[1].code == "FDL-S007" and found[1].lnum == 7 and found[1].col == 4,
    "FDL-S007 at line 8 column 5: " .. vim.inspect(found[1]))
  check(found[2] and found[2].code == "FDL-S013" and found[2].lnum == 8 and found[2].col == 10,
    "FDL-S013 at line 9 column 11: " .. vim.inspect(found[2]))

  -- The code actions at `Next: end`; apply the preferred fix (`end` → `End`).
  local function actions_at(row, col)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = row, character = col }, ["end"] = { line = row, character = col } },
      context = { diagnostics = {} },
    }
    local response = client.request_sync("textDocument/codeAction", params, 5000, buf)
    assert(response and not response.err, "codeAction failed: " .. vim.inspect(response))
    return response.result or {}
  end
  local fix
  for _, action in ipairs(actions_at(8, 11)) do
    if action.isPreferred then fix = action end
  end
  check(fix ~= nil, "a preferred fix at `Next: end`")
  if fix then
    vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
    local line = vim.api.nvim_buf_get_lines(buf, 8, 9, false)[1]
    check(line == "    Next: End", "the fixed line: " .. vim.inspect(line))
    wait_for("FDL-S013 to go", function()
      local d = diagnostics()
      return #d == 1 and d[1].code == "FDL-S007"
    end)
  end

  -- Suppress the unknown key: a comment above it, then no finding at all.
  local suppress
  for _, action in ipairs(actions_at(7, 5)) do
    if action.title == "Suppress FDL-S007 on this line" then suppress = action end
  end
  check(suppress ~= nil, "a suppression at `Colour`")
  if suppress then
    vim.lsp.util.apply_workspace_edit(suppress.edit, "utf-16")
    local line = vim.api.nvim_buf_get_lines(buf, 7, 8, false)[1]
    check(line == "    # flowplay-ignore: FDL-S007", "the inserted comment: " .. vim.inspect(line))
    wait_for("no findings", function() return #vim.diagnostic.get(buf) == 0 end)
  end

  -- Completion after `Next: ` (now line 10), and hover on the `Next` key.
  local uri = vim.uri_from_bufnr(buf)
  local completion = client.request_sync("textDocument/completion",
    { textDocument = { uri = uri }, position = { line = 9, character = 10 } }, 5000, buf)
  local labels = {}
  local list = (completion and completion.result) or {}
  for _, item in ipairs(list.items or list) do
    labels[#labels + 1] = item.label
  end
  check(vim.deep_equal(labels, { "开始", "End" }), "state names after Next: " .. vim.inspect(labels))
  local hover = client.request_sync("textDocument/hover",
    { textDocument = { uri = uri }, position = { line = 9, character = 5 } }, 5000, buf)
  local text = hover and hover.result and hover.result.contents and hover.result.contents.value or ""
  check(text:find("^Next — The state to go to next") ~= nil, "hover on Next: " .. vim.inspect(text))

  -- Shutdown and exit: the server ends with status 0.
  client.stop()
  check(vim.wait(5000, function() return exit_code ~= nil end, 20), "flowplay lsp did not exit")
  check(exit_code == 0, "flowplay lsp exit status " .. tostring(exit_code))
end)
if not ok then
  table.insert(failures, "error: " .. tostring(err))
end
finish()
