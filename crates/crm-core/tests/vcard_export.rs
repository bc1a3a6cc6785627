//! Customers and their contacts exported as vCard 4.0: one card each, RFC 6350 lines (CRLF,
//! folded at 75 octets, text escaped), companies as KIND org with their people under ORG, and
//! only the customers the user may see.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::contact::ContactInput;
use crm_core::customer::model::CustomerInput;
use org::*;

/// The cards of an export, each as its unfolded lines.
fn cards(written: &str) -> Vec<Vec<String>> {
    assert!(written.ends_with("\r\n"));
    for line in written.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
        assert!(!line.contains('\n'), "a bare line feed: {line:?}");
    }
    let unfolded = written.replace("\r\n ", "");
    unfolded
        .split("BEGIN:VCARD\r\n")
        .filter(|c| !c.is_empty())
        .map(|c| {
            let lines: Vec<String> = c.split("\r\n").filter(|l| !l.is_empty()).map(str::to_string).collect();
            assert_eq!(lines.first().map(String::as_str), Some("VERSION:4.0"));
            assert_eq!(lines.last().map(String::as_str), Some("END:VCARD"));
            lines
        })
        .collect()
}

fn with_fn<'a>(cards: &'a [Vec<String>], name: &str) -> &'a Vec<String> {
    cards.iter().find(|c| c.iter().any(|l| l == &format!("FN:{name}"))).unwrap_or_else(|| panic!("no card of {name}"))
}

#[tokio::test]
async fn customers_and_contacts_become_one_card_each_within_the_users_scope() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let vip = crm.ensure_tags(&alice(), &["VIP".to_string(), "老客户".to_string()]).await.unwrap();
    let mut person = person("张三丰", "138 0013 8000", "zsf@wudang.cn");
    person.province = Some("山东".into());
    person.city = Some("青岛".into());
    person.address = Some("香港中路 8 号, 2 楼".into());
    person.country = Some("中国".into());
    person.notes = Some(format!("来电请转王经理; 周末勿扰\n{}", "长备注".repeat(20)));
    person.tag_ids = vip.into_iter().map(|t| t.id).collect();
    crm.create_customer(&alice(), person).await.unwrap();
    let mut firm = company("海纳科技");
    firm.province = Some("北京".into());
    let firm = crm.create_customer(&alice(), firm).await.unwrap();
    for (name, title) in [("李经理", "采购经理"), ("赵工", "")] {
        let contact = ContactInput {
            name: name.into(),
            title: Some(title.into()).filter(|t: &String| !t.is_empty()),
            phones: vec!["010-8888 6666".into()],
            emails: vec![],
        };
        crm.create_contact(&alice(), &firm.id, contact).await.unwrap();
    }
    let mut far = CustomerInput::named("上海客户");
    far.province = Some("上海".into());
    crm.create_customer(&alice(), far).await.unwrap();

    let mut written = Vec::new();
    assert_eq!(crm.export_vcards(&alice(), &Default::default(), &mut written).await.unwrap(), 5);
    let all = cards(&String::from_utf8(written).unwrap());
    assert_eq!(all.len(), 5);

    let zhang = with_fn(&all, "张三丰");
    for expected in [
        "KIND:individual",
        "TEL;TYPE=voice:138 0013 8000",
        "EMAIL:zsf@wudang.cn",
        "ADR;TYPE=work:;;香港中路 8 号\\, 2 楼;青岛;山东;;中国",
        "CATEGORIES:VIP,老客户",
    ] {
        assert!(zhang.contains(&expected.to_string()), "{expected} in {zhang:?}");
    }
    let note = zhang.iter().find(|l| l.starts_with("NOTE:")).unwrap();
    assert!(note.starts_with("NOTE:来电请转王经理\\; 周末勿扰\\n长备注"), "{note}");
    assert!(zhang.iter().any(|l| l.starts_with("UID:urn:uuid:")) && zhang.iter().any(|l| l.starts_with("REV:2026")));

    let haina = with_fn(&all, "海纳科技");
    assert!(haina.contains(&"KIND:org".to_string()) && haina.contains(&"ORG:海纳科技".to_string()));
    let li = with_fn(&all, "李经理");
    for expected in ["KIND:individual", "ORG:海纳科技", "TITLE:采购经理", "TEL;TYPE=voice:010-8888 6666"] {
        assert!(li.contains(&expected.to_string()), "{expected} in {li:?}");
    }
    assert!(!with_fn(&all, "赵工").iter().any(|l| l.starts_with("TITLE")), "no empty properties");

    // A rep of 华北区 (山东, 北京) gets his region's customers and their contacts only.
    let mut written = Vec::new();
    assert_eq!(crm.export_vcards(&actor("li"), &Default::default(), &mut written).await.unwrap(), 4);
    let his = cards(&String::from_utf8(written).unwrap());
    assert!(!his.iter().flatten().any(|l| l.contains("上海客户")));
}
