-- The service desk (服务工单) and the workflow rules (提醒 / 工作流): tickets with their history,
-- attachments and SLA dues; SLA policies; agents' skills; tasks and reminders; notifications;
-- workflow rules with their run log.
--
-- A ticket's status follows src/service/ticket_machine.rs; every change is a ticket_events row
-- written in the same transaction. A ticket carries its customer's territory, like an
-- opportunity, so the queue is read per territory from one index.

CREATE TABLE tickets (
    seq                 INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,
    customer_id         TEXT NOT NULL REFERENCES customers(id),
    contact_id          TEXT,
    territory           INTEGER,
    channel             TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'walk_in', 'web')),
    category            TEXT,
    priority            TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status              TEXT NOT NULL CHECK (status IN ('new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed')),
    subject             TEXT NOT NULL,
    description         TEXT,
    -- sign-in name of the agent; NULL while in the queue
    assignee            TEXT,
    -- the customer's value tier when the ticket was opened (the SLA policy it was given)
    tier                TEXT,
    first_response_due  TEXT NOT NULL,
    resolution_due      TEXT NOT NULL,
    first_response_at   TEXT,
    -- since when the clock is stopped for the customer (status waiting), and the working minutes
    -- waited before (a new priority's due time keeps them)
    waiting_since       TEXT,
    waited_minutes      INTEGER NOT NULL DEFAULT 0,
    resolved_at         TEXT,
    closed_at           TEXT,
    rating              INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment      TEXT,
    rated_at            TEXT,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT NOT NULL
);
-- The queue: open tickets most urgent first, per territory (merged in the core), per assignee,
-- and for administrators all of them.
CREATE INDEX tickets_queue ON tickets(territory, resolution_due, seq)
    WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX tickets_queue_all ON tickets(resolution_due, seq)
    WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX tickets_queue_assignee ON tickets(assignee, resolution_due, seq)
    WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
-- Every ticket, newest first, per territory; and a customer's tickets.
CREATE INDEX tickets_territory ON tickets(territory, seq);
CREATE INDEX tickets_customer ON tickets(customer_id, seq);
-- The SLA report groups by these without reading the table.
CREATE INDEX tickets_report ON tickets(created_at, priority, assignee, territory, status, first_response_due,
    first_response_at, resolution_due, resolved_at, rating);

CREATE TABLE ticket_events (
    seq         INTEGER PRIMARY KEY,
    ticket_seq  INTEGER NOT NULL REFERENCES tickets(seq),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    -- created, assign, start, wait, resume, resolve, close, reopen, reply, customer_reply, note,
    -- priority, category, attachment, rating
    kind        TEXT NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    body        TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_seq, seq);

CREATE TABLE ticket_attachments (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    ticket_seq  INTEGER NOT NULL REFERENCES tickets(seq),
    path        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    size        INTEGER NOT NULL,
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    removed_at  TEXT
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments(ticket_seq);

-- Due times by priority and the customer's value tier (NULL: any tier), in business minutes.
CREATE TABLE sla_policies (
    seq                     INTEGER PRIMARY KEY,
    id                      TEXT NOT NULL UNIQUE,
    priority                TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    tier                    TEXT,
    first_response_minutes  INTEGER NOT NULL CHECK (first_response_minutes > 0),
    resolution_minutes      INTEGER NOT NULL CHECK (resolution_minutes > 0),
    UNIQUE (priority, tier)
);
INSERT INTO sla_policies (id, priority, tier, first_response_minutes, resolution_minutes) VALUES
    ('sla-urgent', 'urgent', NULL, 30, 240),
    ('sla-high', 'high', NULL, 60, 480),
    ('sla-normal', 'normal', NULL, 240, 1440),
    ('sla-low', 'low', NULL, 480, 2400);

-- Which categories an agent handles (skill-based assignment).
CREATE TABLE agent_skills (
    login       TEXT NOT NULL,
    category    TEXT NOT NULL,
    PRIMARY KEY (login, category)
) WITHOUT ROWID;

-- Tasks and reminders on any record (or none).
CREATE TABLE tasks (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    notes         TEXT,
    owner         TEXT NOT NULL,
    due_at        TEXT,
    remind_at     TEXT,
    reminded_at   TEXT,
    -- customer, lead, opportunity or ticket, and its id and name when the task was made
    record_kind   TEXT CHECK (record_kind IN ('customer', 'lead', 'opportunity', 'ticket')),
    record_id     TEXT,
    record_label  TEXT,
    done_at       TEXT,
    -- the workflow rule that made it, if any
    rule_id       TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
);
CREATE INDEX tasks_owner ON tasks(owner, done_at, due_at, seq);
CREATE INDEX tasks_record ON tasks(record_id) WHERE record_id IS NOT NULL;
CREATE INDEX tasks_remind ON tasks(remind_at) WHERE reminded_at IS NULL AND done_at IS NULL AND remind_at IS NOT NULL;

CREATE TABLE notifications (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    recipient     TEXT NOT NULL,
    at            TEXT NOT NULL,
    -- reminder, assignment or rule
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT,
    record_kind   TEXT,
    record_id     TEXT,
    read_at       TEXT,
    -- when the desktop showed it as an OS notification
    shown_at      TEXT
);
CREATE INDEX notifications_recipient ON notifications(recipient, seq);
CREATE INDEX notifications_unshown ON notifications(recipient) WHERE shown_at IS NULL;

-- When / if / then rules. `condition` is the shared condition tree (src/conditions/), `actions`
-- a JSON list. `builtin` names the default rules shipped with the app.
CREATE TABLE workflow_rules (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    entity        TEXT NOT NULL CHECK (entity IN ('customer', 'lead', 'opportunity', 'ticket')),
    trigger_kind  TEXT NOT NULL CHECK (trigger_kind IN ('created', 'updated', 'status_changed', 'schedule')),
    every_minutes INTEGER,
    condition     TEXT NOT NULL,
    actions       TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    position      INTEGER NOT NULL,
    builtin       TEXT UNIQUE,
    last_run_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX workflow_rules_trigger ON workflow_rules(entity, trigger_kind) WHERE active = 1 AND deleted_at IS NULL;

-- A scheduled rule acts on a record once while the record keeps matching: the records it has
-- acted on and that still matched at its last run.
CREATE TABLE workflow_matches (
    rule_seq    INTEGER NOT NULL REFERENCES workflow_rules(seq),
    record_id   TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (rule_seq, record_id)
) WITHOUT ROWID;

-- Every run of a rule on a record: what it did, or why it stopped.
CREATE TABLE workflow_runs (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    rule_id       TEXT NOT NULL,
    rule_name     TEXT NOT NULL,
    entity        TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    record_label  TEXT,
    trigger_kind  TEXT NOT NULL,
    depth         INTEGER NOT NULL,
    -- applied, failed or loop
    outcome       TEXT NOT NULL,
    detail        TEXT NOT NULL
);
CREATE INDEX workflow_runs_rule ON workflow_runs(rule_id, seq);
CREATE INDEX workflow_runs_record ON workflow_runs(record_id, seq);

-- The default rules of the brief. The lead rule replaces the pool's own timer.
INSERT INTO workflow_rules (id, name, entity, trigger_kind, every_minutes, condition, actions, position, builtin, created_at, updated_at) VALUES
    ('rule-vip-ticket', 'VIP 客户的新工单优先级为高 / A VIP customer''s new ticket is high priority', 'ticket', 'created', NULL,
     '{"kind":"all","items":[{"kind":"test","field":"customer.lifecycle","op":"is","values":["vip"]},{"kind":"test","field":"priority","op":"is","values":["low","normal"]}]}',
     '[{"kind":"set_field","field":"priority","value":"high"}]', 1, 'vip_ticket_high', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('rule-lead-untouched', '线索 7 天未跟进退回线索池 / A lead untouched for 7 days goes back to the pool', 'lead', 'schedule', 10,
     '{"kind":"all","items":[{"kind":"test","field":"status","op":"is","values":["pending","following_up"]},{"kind":"test","field":"touched_at","op":"older_than_days","values":["7"]}]}',
     '[{"kind":"return_to_pool"}]', 2, 'lead_untouched_pool', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('rule-opportunity-closing', '商机下周到期提醒负责人 / An opportunity closing next week reminds its owner', 'opportunity', 'schedule', 60,
     '{"kind":"all","items":[{"kind":"test","field":"stage_outcome","op":"is","values":["open"]},{"kind":"test","field":"expected_close","op":"within_next_days","values":["7"]}]}',
     '[{"kind":"create_task","title":"商机即将到期 / Closing soon: {name}","due_in_days":0,"to":{"kind":"owner"}},{"kind":"notify","message":"商机「{name}」预计一周内成交 / {name} is expected to close within a week","to":{"kind":"owner"}}]',
     3, 'opportunity_closing_reminder', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
