//! Importing the files people actually have: GBK and UTF-16 CSVs with any delimiter, Excel
//! workbooks, vCards of every version; column mapping, dry runs, the rejected-rows file, and
//! reverting a batch to exactly the state before it.

mod common;
use common::*;
use crm_core::Crm;
use crm_core::csv_io::import::{ImportOptions, ImportReport};
use crm_core::customer::model::Customer;
use crm_core::import::mapping::parse_mapping;
use crm_core::import::rejected_file::write_rejected_rows;
use crm_core::import::source::{FileFormat, SourceOptions};
use crm_core::import::text::TextEncoding;

async fn import_bytes(crm: &Crm, bytes: Vec<u8>, options: ImportOptions) -> ImportReport {
    crm.import_customers(&alice(), std::io::Cursor::new(bytes), options).await.unwrap()
}

async fn import_err(crm: &Crm, bytes: Vec<u8>, options: ImportOptions) -> String {
    crm.import_customers(&alice(), std::io::Cursor::new(bytes), options).await.unwrap_err().message
}

async fn by_name(crm: &Crm, name: &str) -> Customer {
    let hit = crm.search(&alice(), name, 5).await.unwrap().into_iter().find(|h| h.name == name);
    let hit = hit.unwrap_or_else(|| panic!("no customer named {name}"));
    crm.get_customer(&alice(), &hit.id).await.unwrap()
}

const CHINESE_EXCEL: &str = "客户名称,手机,电话,邮箱,公司,省份,城市,地址,备注\r\n\
张三,13800138000,010-12345678,zhangsan@example.cn,北京数字科技,北京,北京,朝阳区建国路1号,老客户\r\n\
李四,13900139000,,lisi@example.cn,,广东,深圳,\"南山区, 科技园\",\r\n";

#[tokio::test]
async fn a_gbk_csv_from_chinese_excel_is_read_and_its_headers_mapped() {
    let t = open().await;
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(CHINESE_EXCEL);
    assert!(!unmappable);
    let report = import_bytes(&t.crm, gbk.into_owned(), ImportOptions::default()).await;
    assert_eq!((report.imported, report.rejected.len()), (2, 0), "{:?}", report.rejected);
    assert_eq!(report.source.encoding, Some(TextEncoding::Gb18030));
    assert_eq!(report.source.delimiter.as_deref(), Some(","));
    let fields: Vec<Option<&str>> = report.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            Some("name"),
            Some("phone"),
            Some("phone"),
            Some("email"),
            Some("company"),
            Some("province"),
            Some("city"),
            Some("address"),
            Some("notes")
        ]
    );
    let zhang = by_name(&t.crm, "张三").await;
    assert_eq!(zhang.phones, ["13800138000", "010-12345678"], "手机 and 电话 both fill phone");
    assert_eq!((zhang.city.as_deref(), zhang.company.as_deref()), (Some("北京"), Some("北京数字科技")));
    assert_eq!(by_name(&t.crm, "李四").await.address.as_deref(), Some("南山区, 科技园"));

    // Lines are counted as an editor shows them, with CRLF endings too.
    let (bad, _, _) = encoding_rs::GBK.encode("客户名称,邮箱\r\n王五,ok@example.cn\r\n赵六,bad\r\n");
    let report = import_bytes(&t.crm, bad.into_owned(), ImportOptions::default()).await;
    assert_eq!(report.rejected.iter().map(|r| r.line).collect::<Vec<_>>(), [3], "{:?}", report.rejected);
}

#[tokio::test]
async fn semicolon_tab_and_utf16_files_are_read_as_they_are() {
    let t = open().await;
    let semicolons = "name;city;notes\n王五;上海;\"a, b; c\"\n赵六;杭州;\n".as_bytes().to_vec();
    let report = import_bytes(&t.crm, semicolons, ImportOptions::default()).await;
    assert_eq!((report.imported, report.source.delimiter.as_deref()), (2, Some(";")));
    assert_eq!(by_name(&t.crm, "王五").await.notes.as_deref(), Some("a, b; c"));

    // Excel's "Unicode text": UTF-16LE with a byte-order mark and tabs.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "客户名称\t城市\r\n孙七\t南京\r\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let report = import_bytes(&t.crm, utf16, ImportOptions::default()).await;
    assert_eq!(report.source.encoding, Some(TextEncoding::Utf16le));
    assert_eq!((report.imported, report.source.delimiter.as_deref()), (1, Some("\t")));
    assert_eq!(by_name(&t.crm, "孙七").await.city.as_deref(), Some("南京"));

    // A file read in the wrong encoding stops with where it went wrong; nothing is imported.
    let (gbk, _, _) = encoding_rs::GBK.encode("name,city\n周八,武汉\n");
    let utf8 = ImportOptions {
        source: SourceOptions { encoding: Some(TextEncoding::Utf8), ..Default::default() },
        ..Default::default()
    };
    let report = import_bytes(&t.crm, gbk.into_owned(), utf8).await;
    assert_eq!(report.imported, 0);
    assert!(report.rejected[0].reason.contains("not UTF-8"), "{:?}", report.rejected);
    let utf16_as_gbk = ImportOptions {
        source: SourceOptions { encoding: Some(TextEncoding::Gb18030), ..Default::default() },
        ..Default::default()
    };
    let message = import_err(&t.crm, vec![0x81, 0x20, 0x41, 0x0a], utf16_as_gbk).await;
    assert!(message.contains("byte 0 is not GBK/GB18030 text"), "{message}");
    assert_eq!(counts(&t.crm).await.0, 3);
}

fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["客户名称", "手机", "邮箱", "城市", "签约日期"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "钱九").unwrap();
    sheet.write_number(1, 1, 13800138000.0).unwrap(); // typed into a number cell, as people do
    sheet.write_string(1, 2, "qianjiu@example.cn").unwrap();
    sheet.write_string(1, 3, "成都").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 8).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_datetime_with_format(1, 4, &date, &format).unwrap();
    sheet.write_string(2, 0, "孙十").unwrap();
    sheet.write_string(2, 2, "not-an-email").unwrap();
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn an_excel_workbook_is_read_with_numbers_and_dates_as_people_see_them() {
    let t = open().await;
    let mapping = parse_mapping(r#"{"签约日期": "notes"}"#).unwrap();
    let options = ImportOptions { mapping: mapping.clone(), ..Default::default() };
    let report = import_bytes(&t.crm, workbook(), options.clone()).await;
    assert_eq!(report.source.format, FileFormat::Xlsx);
    assert_eq!(report.imported, 0, "one bad row: nothing imported");
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, 3, "rows are numbered as the spreadsheet shows them");
    assert!(report.rejected[0].reason.contains("not-an-email"));
    assert_eq!(report.rejected[0].cells, ["孙十", "", "not-an-email", "", ""]);

    let report = import_bytes(&t.crm, workbook(), ImportOptions { skip_invalid: true, ..options }).await;
    assert_eq!(report.imported, 1);
    let qian = by_name(&t.crm, "钱九").await;
    assert_eq!(qian.phones, ["13800138000"]);
    assert_eq!(qian.notes.as_deref(), Some("2025-03-08"));

    // A cut-off workbook is refused as a whole with a clear message.
    let mut cut = workbook();
    cut.truncate(cut.len() / 2);
    let message = import_err(&t.crm, cut, ImportOptions::default()).await;
    assert!(message.contains("not a readable Excel or OpenDocument workbook"), "{message}");
    assert_eq!(counts(&t.crm).await.0, 1);
}

/// A workbook whose first sheet is empty and whose data sheet starts under blank rows, with a
/// gap, a row wider than the header and a sparse row: what the streamed reader must get right.
#[tokio::test]
async fn a_workbook_is_read_from_its_first_sheet_with_content_row_by_row() {
    let t = open().await;
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("说明").unwrap();
    let sheet = book.add_worksheet();
    sheet.write_string(2, 0, "客户名称").unwrap();
    sheet.write_string(2, 1, "手机").unwrap();
    sheet.write_string(3, 0, "甲").unwrap();
    sheet.write_number(3, 1, 13800138000.0).unwrap();
    sheet.write_string(5, 0, "乙").unwrap();
    sheet.write_string(5, 2, "多余").unwrap();
    sheet.write_number(6, 1, 13900139000.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let report = import_bytes(&t.crm, bytes, ImportOptions { skip_invalid: true, ..Default::default() }).await;
    assert_eq!(report.header, ["客户名称", "手机"]);
    assert_eq!(report.imported, 1);
    let rejected: Vec<(u64, &str, &[String])> =
        report.rejected.iter().map(|r| (r.line, r.reason.as_str(), r.cells.as_slice())).collect();
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    assert_eq!((rejected[0].0, rejected[0].2), (6, &["乙".to_string(), String::new(), "多余".to_string()][..]));
    assert!(rejected[0].1.contains("has 3 fields but the header has 2"), "{}", rejected[0].1);
    assert_eq!((rejected[1].0, rejected[1].2), (7, &[String::new(), "13900139000".to_string()][..]));
    assert_eq!(by_name(&t.crm, "甲").await.phones, ["13800138000"]);
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vcards").join(name)).unwrap()
}

#[tokio::test]
async fn vcards_of_every_version_become_customers() {
    let t = open().await;
    for (file, cards) in [("android-2.1.vcf", 2), ("outlook-2.1.vcf", 1), ("iphone-3.0.vcf", 1), ("rfc-4.0.vcf", 2)] {
        let options = ImportOptions { file_name: Some(file.into()), ..Default::default() };
        let report = import_bytes(&t.crm, fixture(file), options).await;
        assert_eq!(report.source.format, FileFormat::Vcard);
        assert_eq!((report.imported, report.rejected.len()), (cards, 0), "{file}: {:?}", report.rejected);
    }
    // 2.1: quoted-printable UTF-8 with a soft line break, a photo skipped, N without FN.
    let zhang = by_name(&t.crm, "张三").await;
    assert_eq!(zhang.phones, ["13800138000", "010-12345678"]);
    assert_eq!(zhang.emails, ["zhangsan@example.cn"]);
    assert_eq!(zhang.notes.as_deref(), Some("老客户，喜欢茶叶"));
    let li = by_name(&t.crm, "李四").await;
    assert_eq!(li.company.as_deref(), Some("上海远东贸易"));
    assert_eq!(
        (li.province.as_deref(), li.city.as_deref(), li.country.as_deref()),
        (Some("上海"), Some("上海"), Some("中国"))
    );
    assert_eq!(li.address.as_deref(), Some("淮海中路1号"));
    // 2.1 from Outlook: GB2312 inside quoted-printable.
    let wang = by_name(&t.crm, "王五").await;
    assert_eq!(
        (wang.company.as_deref(), wang.emails.as_slice()),
        (Some("北京数字科技"), &["wangwu@bjsz.com.cn".to_string()][..])
    );
    // 3.0 from an iPhone: grouped and folded properties, escaped text.
    let john = by_name(&t.crm, "John Appleseed").await;
    assert_eq!(john.emails, ["john.appleseed@example.com"]);
    assert_eq!(john.phones, ["+1 (408) 555-0199", "+1 408 555 0100"]);
    assert_eq!(john.notes.as_deref(), Some("Met at the trade fair, booth 12\nCall in May"));
    assert_eq!(john.external_id.as_deref(), Some("A1B2C3D4-0000-1111-2222-333344445555"));
    // 4.0: an organisation with a tel: URI, a folded note.
    let org = by_name(&t.crm, "深圳创新科技有限公司").await;
    assert_eq!(org.kind, crm_core::customer::model::Kind::Enterprise);
    assert_eq!(org.phones, ["+86-755-8888-0000"]);
    assert_eq!(org.website.as_deref(), Some("https://chuangxin.cn"));
    assert_eq!(by_name(&t.crm, "王小明").await.notes.as_deref(), Some("一行很长的备注，被折叠成两行：前半段和后半段"));

    // A card cut off before its end is refused whole.
    let mut cut = fixture("rfc-4.0.vcf");
    cut.truncate(cut.len() - 12);
    let before = counts(&t.crm).await;
    let message = import_err(&t.crm, cut, ImportOptions::default()).await;
    assert!(message.contains("no END:VCARD"), "{message}");
    assert_eq!(counts(&t.crm).await, before);
}

#[tokio::test]
async fn a_dry_run_reports_and_changes_nothing_and_a_mapping_is_remembered() {
    let t = open().await;
    let file = "客户名称,鞋码,城市\n甲,42,北京\n乙,39,上海\n".as_bytes().to_vec();
    let message = import_err(&t.crm, file.clone(), ImportOptions::default()).await;
    assert!(message.contains("column '鞋码' matches no field"), "{message}");

    let mapping = parse_mapping(r#"{"鞋码": null}"#).unwrap();
    let dry = ImportOptions { dry_run: true, mapping: mapping.clone(), ..Default::default() };
    let report = import_bytes(&t.crm, file.clone(), dry).await;
    assert_eq!((report.imported, report.dry_run, report.batch.clone()), (2, true, None));
    assert_eq!(counts(&t.crm).await.0, 0, "a dry run writes nothing");
    assert!(t.crm.import_history(&alice(), 10).await.unwrap().is_empty());

    let report = import_bytes(&t.crm, file.clone(), ImportOptions { mapping, ..Default::default() }).await;
    assert_eq!(report.imported, 2);
    // The same layout again, without a mapping: the one chosen last time applies.
    let again = "客户名称,鞋码,城市\n丙,40,广州\n".as_bytes().to_vec();
    assert_eq!(import_bytes(&t.crm, again, ImportOptions::default()).await.imported, 1);
}

#[tokio::test]
async fn the_rejected_rows_file_imports_cleanly_once_fixed() {
    let t = open().await;
    let file = "客户名称,邮箱,城市\n甲,jia@example.cn,北京\n乙,yi-at-example,上海\n,nobody@example.cn,广州\n丁,=cmd|' /C calc'!A0,深圳\n";
    let options = ImportOptions { skip_invalid: true, ..Default::default() };
    let report = import_bytes(&t.crm, file.as_bytes().to_vec(), options).await;
    assert_eq!((report.imported, report.rejected.len()), (1, 3));
    let mut rejected = Vec::new();
    write_rejected_rows(&report.header, &report.rejected, &mut rejected).unwrap();
    let text = String::from_utf8(rejected).unwrap();
    assert!(text.starts_with("\u{feff}客户名称,邮箱,城市,rejected_reason\n"), "{text}");
    assert!(text.contains("乙,yi-at-example,上海,line 3: "), "{text}");
    assert!(text.contains("丁,'=cmd|' /C calc'!A0,深圳"), "a formula-like cell stays inert: {text}");

    let fixed = text
        .replace("yi-at-example", "yi@example.cn")
        .replace(",nobody@", "戊,nobody@")
        .replace("'=cmd|' /C calc'!A0", "ding@example.cn");
    let report = import_bytes(&t.crm, fixed.into_bytes(), ImportOptions::default()).await;
    assert_eq!((report.imported, report.rejected.len()), (3, 0), "{:?}", report.rejected);
    assert_eq!(report.columns.last().map(|c| c.field.clone()), Some(None), "the reason column is left out");
    assert_eq!(by_name(&t.crm, "乙").await.emails, ["yi@example.cn"]);
    assert_eq!(counts(&t.crm).await.0, 4);
}

#[tokio::test]
async fn reverting_a_batch_restores_exactly_the_state_before_it() {
    let t = open().await;
    t.crm.generate_demo_data(&alice(), 50, 7).await.unwrap();
    let before = dump(&t, &["import_"], &[]).await;
    let file = "name,phone,tags,city\n新客户甲,13811112222,新标签;展会,北京\n新客户乙,13811113333,展会,上海\n";
    let report = import_bytes(
        &t.crm,
        file.as_bytes().to_vec(),
        ImportOptions { file_name: Some("展会名单.csv".into()), ..Default::default() },
    )
    .await;
    assert_eq!(report.imported, 2);
    let batch = report.batch.expect("an applied import is a batch");
    assert_ne!(dump(&t, &["import_"], &[]).await, before);

    let history = t.crm.import_history(&alice(), 10).await.unwrap();
    assert_eq!(
        (history[0].id.as_str(), history[0].created, history[0].file_name.as_deref()),
        (batch.as_str(), 2, Some("展会名单.csv"))
    );
    let reverted = t.crm.revert_import(&alice(), &batch).await.unwrap();
    assert!(reverted.reverted_at.is_some());
    let after = dump(&t, &["import_"], &[]).await;
    let added: Vec<&String> = after.iter().filter(|r| !before.contains(r)).collect();
    let lost: Vec<&String> = before.iter().filter(|r| !after.contains(r)).collect();
    assert!(added.is_empty() && lost.is_empty(), "left behind: {added:#?}\nlost: {lost:#?}");
    assert!(t.crm.search(&alice(), "新客户", 5).await.unwrap().is_empty());
    assert!(t.crm.search(&alice(), "1381111", 5).await.unwrap().is_empty());
    let again = t.crm.revert_import(&alice(), &batch).await.unwrap_err();
    assert!(again.message.contains("already reverted"));

    // A batch whose customer has since got an activity is not reverted: that work would be lost.
    let report = import_bytes(&t.crm, file.as_bytes().to_vec(), ImportOptions::default()).await;
    let jia = by_name(&t.crm, "新客户甲").await;
    let activity = crm_core::activity::ActivityInput {
        kind: crm_core::activity::ActivityKind::Call,
        occurred_at: None,
        subject: "回访".into(),
        body: None,
        opportunity_id: None,
    };
    t.crm.add_activity(&alice(), &jia.id, activity).await.unwrap();
    let refused = t.crm.revert_import(&alice(), report.batch.as_deref().unwrap()).await.unwrap_err();
    assert!(refused.message.contains("1 activity(ies)"), "{}", refused.message);
    assert_eq!(by_name(&t.crm, "新客户乙").await.name, "新客户乙", "nothing was removed");
}

#[tokio::test]
async fn the_preview_names_each_bad_cell_and_a_cancel_leaves_nothing() {
    let t = open().await;
    let file = "客户名称,邮箱,类型,鞋码\n甲,jia@example.cn,个人,42\n,yi-at-example,alien,39\n";
    let preview = t
        .crm
        .preview_customer_import(&alice(), std::io::Cursor::new(file.as_bytes().to_vec()), ImportOptions::default())
        .await
        .unwrap();
    let fields: Vec<Option<&str>> = preview.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(fields, [Some("name"), Some("email"), Some("kind"), None]);
    assert_eq!(preview.mapping_problems, ["column '鞋码' matches no field; map it to one or leave it out"]);
    assert!(preview.rows[0].problems.is_empty(), "{:?}", preview.rows[0].problems);
    let bad: Vec<(Option<u32>, bool)> =
        preview.rows[1].problems.iter().map(|p| (p.column, p.message.is_empty())).collect();
    assert_eq!(bad, [(Some(0), false), (Some(1), false), (Some(2), false)], "name, e-mail and kind, each on its cell");
    assert!(preview.rows[1].problems[1].message.contains("yi-at-example"));
    assert!(preview.fields.iter().any(|f| f.key == "phone"));
    assert_eq!(counts(&t.crm).await.0, 0, "a preview writes nothing");

    // A cancelled import keeps nothing, whatever it had written.
    let mut big = String::from("name,city\n");
    for i in 0..20_000 {
        big.push_str(&format!("客户{i},北京\n"));
    }
    let control = crm_core::import::progress::ImportControl::new(big.len() as u64);
    let watching = control.clone();
    let canceller = tokio::spawn(async move {
        while watching.progress().rows < 5_000 {
            tokio::task::yield_now().await;
        }
        watching.cancel();
    });
    let err = t
        .crm
        .import_customers_watched(
            &alice(),
            std::io::Cursor::new(big.into_bytes()),
            ImportOptions::default(),
            control.clone(),
        )
        .await
        .unwrap_err();
    canceller.await.unwrap();
    assert_eq!(err.code, crm_core::ErrorCode::Cancelled);
    assert!(control.progress().bytes_read > 0 && control.progress().cancelled);
    assert_eq!(counts(&t.crm).await.0, 0);
    assert!(t.crm.import_history(&alice(), 5).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_xlsx_export_imports_into_another_database_unchanged() {
    let t = open().await;
    t.crm.generate_demo_data(&alice(), 120, 11).await.unwrap();
    let mut notes = crm_core::customer::model::CustomerInput::named("公式测试");
    notes.notes = Some("=HYPERLINK(\"http://x\")\n第二行".into());
    notes.phones = vec!["+86 138 0013 8000".into()];
    t.crm.create_customer(&alice(), notes).await.unwrap();
    let book = t.dir.path().join("客户.xlsx");
    assert_eq!(t.crm.export_customers_xlsx(&alice(), &Default::default(), &book).await.unwrap(), 121);

    let other = open().await;
    let bytes = std::fs::read(&book).unwrap();
    let report = import_bytes(&other.crm, bytes, ImportOptions::default()).await;
    assert_eq!((report.source.format, report.imported, report.rejected.len()), (FileFormat::Xlsx, 121, 0));
    let (mut first, mut second) = (Vec::new(), Vec::new());
    t.crm.export_customers_csv(&alice(), &Default::default(), &mut first).await.unwrap();
    other.crm.export_customers_csv(&alice(), &Default::default(), &mut second).await.unwrap();
    assert_eq!(String::from_utf8(first).unwrap(), String::from_utf8(second).unwrap());
    let formula = by_name(&other.crm, "公式测试").await;
    assert_eq!(formula.notes.as_deref(), Some("=HYPERLINK(\"http://x\")\n第二行"), "kept as text, not run");
}
