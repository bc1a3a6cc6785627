//! Exports of leads, opportunities and tickets to CSV and Excel: every record of the user's scope,
//! read back from the written file; customers also as the list's filter narrows them.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::import::source::{SourceOptions, Table};
use crm_core::table_export::TableFormat;
use org::*;

/// The header and rows of a written file, read the way an import reads it.
fn read_back(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let file = std::fs::File::open(path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    let mut table = Table::open(file, Some(&name), &SourceOptions::default()).unwrap();
    let mut rows = Vec::new();
    while let Some(row) = table.next_row() {
        let Ok(row) = row else { panic!("an unreadable row") };
        // As an import takes them: without the apostrophe that keeps a formula-like CSV cell inert.
        rows.push(row.cells.iter().map(|c| crm_core::csv_io::unescape_formula(c).to_string()).collect());
    }
    (table.header.clone(), rows)
}

#[tokio::test]
async fn leads_opportunities_and_tickets_export_within_scope_to_csv_and_excel() {
    let t = open().await;
    sales_org(&t.crm).await;
    t.crm.generate_demo_data(&alice(), 40, 5).await.unwrap();
    t.crm.generate_sales_demo(&alice(), 60, 30, 5).await.unwrap();
    t.crm.generate_service_demo(&alice(), 25, 5).await.unwrap();
    let mut north = lead_in("=cmd|' /C calc'!A0", "山东", "青岛");
    north.phone = Some("+86 532 8888 0000".into());
    t.crm.create_lead(&alice(), north, crm_core::sales::lead_model::LeadOrigin::Manual).await.unwrap();
    let dir = t.dir.path();

    for format in [TableFormat::Csv, TableFormat::Xlsx] {
        let ext = if format == TableFormat::Csv { "csv" } else { "xlsx" };
        let leads = dir.join(format!("leads.{ext}"));
        let all = t.crm.export_leads(&alice(), &leads, format).await.unwrap();
        assert_eq!(all, 61);
        let (header, rows) = read_back(&leads);
        assert_eq!(&header[..3], ["name", "company", "phone"]);
        assert_eq!(rows.len(), 61);
        let injected = rows.iter().find(|r| r[0].contains("cmd|")).unwrap();
        assert_eq!(injected[0], "=cmd|' /C calc'!A0", "read back as the text it was ({ext})");
        assert_eq!(injected[2], "+86 532 8888 0000");
        if format == TableFormat::Csv {
            let raw = std::fs::read_to_string(&leads).unwrap();
            assert!(raw.contains("'=cmd|") && raw.contains("'+86 532"), "escaped in the CSV file");
        }

        // A sales rep of 北方 gets only what his lists show him.
        let mine = dir.join(format!("leads-li.{ext}"));
        let li = t.crm.export_leads(&actor("li"), &mine, format).await.unwrap();
        let (_, li_rows) = read_back(&mine);
        assert_eq!(li_rows.len() as u64, li);
        assert!(li < all, "{li} of {all}");
        assert!(li_rows.iter().all(|r| r[12] == "北方" || r[12].is_empty()), "territory column: only his");

        let opps = dir.join(format!("opportunities.{ext}"));
        assert_eq!(t.crm.export_opportunities(&alice(), &opps, format).await.unwrap(), 30);
        let (header, rows) = read_back(&opps);
        assert_eq!(header[3], "amount");
        assert!(rows.iter().all(|r| r[3].contains('.') && r[3].split('.').nth(1).unwrap().len() == 2), "major units");

        let tickets = dir.join(format!("tickets.{ext}"));
        assert_eq!(t.crm.export_tickets(&alice(), &tickets, format).await.unwrap(), 25);
        assert_eq!(read_back(&tickets).1.len(), 25);
    }
}

#[tokio::test]
async fn customers_export_as_the_list_filter_narrows_them_within_scope() {
    use crm_core::customer::list::{CustomerFilter, FieldFilter};
    use crm_core::export_file::{ExportFormat, ExportKind};
    let t = open().await;
    sales_org(&t.crm).await;
    t.crm.generate_demo_data(&alice(), 120, 5).await.unwrap();
    let filter = CustomerFilter {
        fields: vec![FieldFilter::OneOf { key: "lifecycle".into(), values: vec!["vip".into(), "existing".into()] }],
        ..Default::default()
    };
    let path = t.dir.path().join("filtered.csv");
    for login in ["alice", "li"] {
        let who = actor(login);
        let listed = t.crm.count_customers(&who, &filter).await.unwrap() as u64;
        let all = t.crm.count_customers(&who, &CustomerFilter::default()).await.unwrap() as u64;
        assert!(0 < listed && listed < all, "{login}: {listed} of {all}");
        let written = t.crm.export_file(&who, ExportKind::Customers, ExportFormat::Csv, &filter, &path).await.unwrap();
        assert_eq!(written, listed, "{login}: what the filtered list counts");
        let (header, rows) = read_back(&path);
        let lifecycle = header.iter().position(|h| h == "lifecycle").unwrap();
        assert_eq!(rows.len() as u64, written);
        assert!(rows.iter().all(|r| r[lifecycle] == "vip" || r[lifecycle] == "existing"), "{login}");
    }
    let refused = t.crm.export_file(&alice(), ExportKind::Leads, ExportFormat::Csv, &filter, &path).await.unwrap_err();
    assert_eq!(refused.code, crm_core::ErrorCode::InvalidInput);
    let unknown = CustomerFilter {
        fields: vec![FieldFilter::OneOf { key: "no_such".into(), values: vec!["x".into()] }],
        ..Default::default()
    };
    let bad = t.crm.export_file(&alice(), ExportKind::Customers, ExportFormat::Csv, &unknown, &path).await;
    assert_eq!(bad.unwrap_err().code, crm_core::ErrorCode::InvalidInput);
}
