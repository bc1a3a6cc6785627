//! Leads in the real window: an import brings three leads; the assignment rule gives the two from
//! the trade fair to the 华北区 rep at once (the third waits in the pool). He follows one up,
//! converts it into a new customer with an opportunity, and finds both on the customer's 360 page.

use super::{PASSWORD, Step, by_test_id, click, eventually, sign_in, type_into, wait_text};
use fantoccini::{Client, Locator};

/// The org, the rule and the import, through the core (the same path as `crm import leads`).
pub async fn prepare_database(path: &std::path::Path) {
    use crm_core::access::{Role, accounts::NewUser, places::Place, territories::TerritoryInput};
    use crm_core::sales::assignment_rules::{
        AssignStrategy, AssignmentRuleInput, ConditionOp, LeadCondition, LeadField,
    };
    let crm = crm_core::Crm::open(path).await.unwrap();
    let user = |login: &str, role: Role, unit_id: &str| NewUser {
        login: login.into(),
        display_name: login.into(),
        role,
        unit_id: unit_id.into(),
        password: PASSWORD.into(),
    };
    let admin = crm.create_first_admin("总公司", user("admin", Role::Admin, "")).await.unwrap();
    let a = crm_core::Actor::named("admin");
    let north = crm.create_org_unit(&a, "华北区", &admin.unit_id).await.unwrap().id;
    let places = vec![Place { province: "山东".into(), ..Default::default() }];
    crm.create_territory(&a, TerritoryInput { name: "北方".into(), unit_id: north.clone(), places }).await.unwrap();
    crm.add_user(&a, user("north_rep", Role::Sales, &north)).await.unwrap();
    let fair = LeadCondition { field: LeadField::Source, op: ConditionOp::Is, values: vec!["展会".into()] };
    let rule = AssignmentRuleInput {
        name: "展会线索给华北".into(),
        active: true,
        conditions: vec![fair],
        target_user: None,
        target_unit_id: Some(north),
        strategy: AssignStrategy::RoundRobin,
    };
    crm.save_assignment_rule(&a, None, rule).await.unwrap();
    let csv = "name,company,phone,email,source,province,city,notes\n\
               孙悟空,花果山水帘洞有限公司,13900001001,,展会,山东,青岛,要报价\n\
               猪八戒,,13900001002,,展会,山东,济南,\n\
               沙悟净,,13900001003,,网站,山东,烟台,\n";
    let report = crm.import_leads(&a, std::io::Cursor::new(csv.as_bytes().to_vec()), Default::default()).await.unwrap();
    assert_eq!((report.imported, report.assigned), (3, 2));
    crm.close().await;
}

/// Waits until the element shows one of `texts` (the window may be in Chinese or English).
async fn wait_any(c: &Client, id: &str, texts: &[&str]) -> Step<()> {
    let mut last = String::new();
    for _ in 0..3 {
        for t in texts {
            match tokio::time::timeout(std::time::Duration::from_secs(8), wait_text(c, id, t)).await {
                Ok(Ok(_)) => return Ok(()),
                Ok(Err(e)) => last = e,
                Err(_) => last = format!("{id} did not show {t}"),
            }
        }
    }
    Err(last)
}

pub async fn flow(c: &Client) -> Step<()> {
    sign_in(c, "north_rep").await?;
    click(c, "nav-leads").await?;
    click(c, "leads-tab-mine").await?;
    wait_text(c, "lead-row", "猪八戒").await?;
    wait_text(c, "lead-row", "孙悟空").await?;
    click(c, "leads-tab-pool").await?;
    wait_text(c, "lead-row", "沙悟净").await?;
    click(c, "leads-tab-mine").await?;
    let row = wait_text(c, "lead-row", "孙悟空").await?;
    eprintln!("e2e: lead row «{row}»");
    // Open the lead: click the first cell of the row that names it (the table re-renders while
    // it loads, so find it afresh on each attempt).
    eventually("cannot open the lead 孙悟空", || async {
        for r in c.find_all(Locator::Css("[data-testid='lead-row']")).await.map_err(|e| e.to_string())? {
            if r.text().await.map_err(|e| e.to_string())?.contains("孙悟空") {
                let cell = r.find(Locator::Css("td")).await.map_err(|e| e.to_string())?;
                return cell.click().await.map_err(|e| e.to_string());
            }
        }
        Err("no row yet".to_string())
    })
    .await?;
    wait_text(c, "lead-owner", "north_rep").await?;
    wait_any(c, "lead-status", &["待处理", "Pending"]).await?;

    type_into(c, "followup-subject", "电话沟通：需要 ERP 报价").await?;
    click(c, "followup-submit").await?;
    wait_any(c, "lead-status", &["跟进中", "Following up"]).await?;

    click(c, "lead-action-convert").await?;
    click(c, "convert-new-customer").await?;
    by_test_id(c, "convert-customer-form").await?;
    click(c, "convert-with-opportunity").await?;
    type_into(c, "convert-opportunity-name", "花果山 ERP").await?;
    type_into(c, "convert-opportunity-amount", "50000").await?;
    click(c, "convert-submit").await?;
    wait_any(c, "lead-status", &["已转换", "Converted"]).await?;
    click(c, "lead-customer-link").await?;
    wait_text(c, "customer-title", "花果山水帘洞有限公司").await?;
    by_test_id(c, "customer-sales").await?;
    wait_text(c, "customer-sales-lead", "孙悟空").await?;
    wait_text(c, "customer-sales-opportunity", "花果山 ERP").await?;
    Ok(())
}
