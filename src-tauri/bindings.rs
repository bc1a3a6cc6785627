//! The command and event list, shared by the app and by the test that checks the generated
//! TypeScript (`ui/src/ipc/bindings.ts`) is fresh.

use crate::commands::{
    app, auth, classification, contacts, customers, leads, opportunities, orders, rfm, search, segments, service,
    workflow,
};
use crate::events::DataChanged;
use tauri_specta::{collect_commands, collect_events};

/// Where the generated TypeScript lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

pub fn builder<R: tauri::Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .commands(collect_commands![
            app::app_info,
            app::settings_set_language,
            auth::auth_status,
            auth::auth_setup,
            auth::auth_sign_in,
            auth::auth_sign_out,
            auth::auth_stay_signed_in,
            auth::auth_change_password,
            auth::user_list,
            auth::user_add,
            auth::user_update,
            auth::user_set_active,
            auth::user_reset_password,
            auth::org_list,
            auth::org_create,
            auth::org_rename,
            auth::org_move,
            auth::org_delete,
            auth::territory_list,
            auth::territory_create,
            auth::territory_update,
            auth::territory_delete,
            auth::audit_list,
            customers::customer_list,
            customers::customer_count,
            customers::customer_distinct_values,
            customers::customer_get,
            customers::customer_create,
            customers::customer_update,
            customers::customer_delete,
            customers::customer_restore,
            customers::customer_history,
            customers::activity_list,
            customers::activity_add,
            contacts::contact_list,
            contacts::contact_create,
            contacts::contact_update,
            contacts::contact_delete,
            classification::field_list,
            classification::field_create,
            classification::field_update,
            classification::field_delete,
            classification::field_restore,
            classification::tag_list,
            classification::tag_create,
            classification::tag_update,
            classification::tag_delete,
            search::search_customers,
            leads::lead_list,
            leads::lead_get,
            leads::lead_create,
            leads::lead_update,
            leads::lead_act,
            leads::lead_follow_up,
            leads::lead_matches,
            leads::lead_customer_draft,
            leads::lead_convert,
            leads::lead_assign_pool,
            leads::lead_assignees,
            leads::lead_import_csv,
            leads::pool_rules_get,
            leads::pool_rules_set,
            leads::assignment_rule_list,
            leads::assignment_rule_save,
            leads::assignment_rule_delete,
            leads::assignment_rule_reorder,
            opportunities::stage_list,
            opportunities::stage_save,
            opportunities::opportunity_list,
            opportunities::opportunity_board,
            opportunities::opportunity_get,
            opportunities::opportunity_create,
            opportunities::opportunity_update,
            opportunities::opportunity_move,
            opportunities::opportunity_delete,
            opportunities::funnel_report,
            opportunities::customer_leads,
            service::ticket_list,
            service::ticket_counts,
            service::ticket_get,
            service::ticket_create,
            service::ticket_update,
            service::ticket_act,
            service::ticket_reply,
            service::ticket_attach,
            service::ticket_attachment_remove,
            service::ticket_rate,
            service::customer_tickets,
            service::caller_lookup,
            service::sla_policies_get,
            service::sla_policies_set,
            service::work_calendar_get,
            service::work_calendar_set,
            service::ticket_routing_get,
            service::ticket_routing_set,
            service::agent_list,
            service::agent_set_skills,
            service::sla_report,
            orders::order_create,
            orders::order_update,
            orders::order_delete,
            orders::order_get,
            orders::customer_orders,
            segments::segment_list,
            segments::segment_get,
            segments::segment_create,
            segments::segment_update,
            segments::segment_delete,
            segments::segment_resnapshot,
            segments::segment_add_members,
            segments::segment_remove_members,
            segments::segment_count,
            segments::segment_count_condition,
            segments::segment_members,
            segments::segment_explain,
            segments::customer_segments,
            segments::segment_fields,
            rfm::rfm_summary,
            rfm::rfm_recompute,
            rfm::rfm_settings,
            rfm::rfm_set_settings,
            rfm::customer_rfm,
            workflow::rule_list,
            workflow::rule_save,
            workflow::rule_delete,
            workflow::rule_set_active,
            workflow::rule_runs,
            workflow::rule_run_now,
            workflow::rule_fields,
            workflow::task_list,
            workflow::task_create,
            workflow::task_complete,
            workflow::task_delete,
            workflow::notification_list,
            workflow::notification_mark_read,
        ])
        .events(collect_events![DataChanged])
        // Versions, seqs and counts stay far below 2^53.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type (the structs serialize and deserialize alike).
        .disable_serde_phases()
}

/// The TypeScript bindings as text.
pub fn typescript() -> String {
    let dir = std::env::temp_dir().join(format!("kehu-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bindings.ts");
    builder::<tauri::Wry>()
        .export(specta_typescript::Typescript::default().header("// Generated from the Rust commands by `cargo run -- --write-bindings`; do not edit.\n/* eslint-disable */\n// @ts-nocheck\n"), &path)
        .expect("export TypeScript bindings");
    let text = std::fs::read_to_string(&path).expect("read bindings");
    let _ = std::fs::remove_dir_all(&dir);
    text
}
