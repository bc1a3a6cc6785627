//! `crm demo-data`: realistic Chinese and English customers with contacts, tags and activities,
//! from a seed, so a demo or a benchmark database can be rebuilt exactly. It writes through the
//! same batched path as the CSV import.

use crate::activity::{self, ActivityKind, ActivityRecord};
use crate::classification::fields::load_catalog;
use crate::classification::tags::{TAG_COLORS, insert_tag};
use crate::contact::ContactRecord;
use crate::customer::model::{Kind, Lifecycle, Size};
use crate::customer::service::multi_field_ids;
use crate::customer::store::{self, NewCustomer, Prepared};
use crate::customer::validate::CustomerRecord;
use crate::error::CoreResult;
use crate::search::tokens::{name_sort_key, pinyin_syllables};
use crate::{Actor, Crm};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

pub(crate) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于",
    "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆",
    "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛",
    "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "莫",
    "孔", "向", "汤", "欧阳", "司马",
];
pub(crate) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "英", "华", "玉", "兰", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁",
    "龙", "林", "欣", "佳", "雪", "梅", "琳", "晨", "阳", "文", "辉", "婷", "颖", "倩", "晶", "萍", "红", "海", "峰",
    "建", "国", "志", "斌", "亮", "鹏", "丹", "慧", "莉", "宏", "三", "丰", "子", "怡", "思", "雨", "泽", "睿", "博",
    "嘉", "梓", "诗", "瑶",
];
const FIRST_EN: &[&str] = &[
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Emma",
    "Oliver",
    "Sophia",
    "Lucas",
    "Mia",
    "Henry",
    "Amelia",
    "Jack",
    "Grace",
    "Noah",
    "Chloe",
    "Ethan",
    "Zoe",
];
const LAST_EN: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
    "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young",
    "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell",
];
pub(crate) const BRAND_ZH: &[&str] = &[
    "华信", "宏达", "鼎盛", "瑞丰", "恒通", "天成", "博远", "新源", "金桥", "中科", "联创", "海纳", "永泰", "佳禾",
    "同舟", "万象", "星河", "云帆", "盛世", "汇通", "东方", "长城", "蓝天", "德润", "嘉诚", "明远", "创新", "安信",
    "福瑞", "卓越",
];
pub(crate) const TRADE_ZH: &[&str] = &[
    "科技",
    "贸易",
    "实业",
    "电子",
    "物流",
    "餐饮",
    "医疗器械",
    "教育咨询",
    "建材",
    "服装",
    "食品",
    "软件",
    "网络",
    "传媒",
    "环保",
];
const SUFFIX_ZH: &[&str] = &["有限公司", "有限公司", "股份有限公司", "集团有限公司"];
const BRAND_EN: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Apex",
    "Summit",
    "Nimbus",
    "Vertex",
    "Pioneer",
    "Harbor",
    "Bluebird",
    "Redwood",
    "Silverline",
    "Northwind",
    "Evergreen",
    "Lighthouse",
];
const TRADE_EN: &[&str] = &["Trading", "Systems", "Logistics", "Foods", "Software", "Medical", "Media", "Industries"];
const SUFFIX_EN: &[&str] = &["Inc.", "Ltd.", "LLC", "Group"];
pub(crate) const PLACES_CN: &[(&str, &[&str])] = &[
    ("北京", &["北京"]),
    ("上海", &["上海"]),
    ("天津", &["天津"]),
    ("重庆", &["重庆"]),
    ("广东", &["广州", "深圳", "东莞", "佛山", "珠海"]),
    ("浙江", &["杭州", "宁波", "温州", "绍兴", "嘉兴"]),
    ("江苏", &["南京", "苏州", "无锡", "常州"]),
    ("四川", &["成都", "绵阳"]),
    ("湖北", &["武汉", "宜昌"]),
    ("山东", &["济南", "青岛", "烟台"]),
    ("福建", &["福州", "厦门", "泉州"]),
    ("河南", &["郑州", "洛阳"]),
    ("湖南", &["长沙", "株洲"]),
    ("陕西", &["西安"]),
    ("辽宁", &["沈阳", "大连"]),
    ("安徽", &["合肥", "芜湖"]),
    ("河北", &["石家庄", "保定"]),
    ("云南", &["昆明"]),
];
const PLACES_INTL: &[(&str, &str, &str)] = &[
    ("United States", "California", "San Francisco"),
    ("United States", "New York", "New York"),
    ("United Kingdom", "England", "London"),
    ("Singapore", "Singapore", "Singapore"),
    ("Germany", "Bavaria", "Munich"),
    ("Australia", "New South Wales", "Sydney"),
];
const STREETS: &[&str] =
    &["人民路", "中山路", "解放路", "建设路", "和平路", "科技园路", "长江路", "南京路", "滨江大道", "创业大街"];
const OWNERS: &[&str] = &[
    "王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄俊", "周婷", "吴强", "徐丽", "孙浩", "马超", "朱琳",
    "胡军", "郭佳", "何欣", "高鹏", "林晨", "罗雪",
];
const TAGS: &[&str] = &[
    "重点客户",
    "老客户",
    "待回访",
    "已签约",
    "展会获客",
    "高意向",
    "价格敏感",
    "需要发票",
    "海外",
    "合作伙伴",
    "沉睡客户",
    "转介绍",
];
const TITLES: &[&str] =
    &["总经理", "采购经理", "财务主管", "技术总监", "行政主管", "销售总监", "项目经理", "Purchasing Manager", "CTO"];
const EMAIL_DOMAINS: &[&str] = &["163.com", "qq.com", "126.com", "gmail.com", "outlook.com", "sina.com", "foxmail.com"];
const SUBJECTS: &[(ActivityKind, &str)] = &[
    (ActivityKind::Call, "电话回访"),
    (ActivityKind::Call, "来电咨询价格"),
    (ActivityKind::Email, "发送报价单"),
    (ActivityKind::Email, "Sent the product brochure"),
    (ActivityKind::Meeting, "产品演示会议"),
    (ActivityKind::Meeting, "合同条款沟通"),
    (ActivityKind::Visit, "上门拜访"),
    (ActivityKind::Visit, "Site visit with the engineering team"),
    (ActivityKind::Note, "客户对售后服务很满意"),
    (ActivityKind::Note, "预算下季度审批"),
];

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DemoReport {
    pub customers: u64,
    pub contacts: u64,
    pub activities: u64,
}

struct Generator {
    rng: ChaCha8Rng,
    tiers: Vec<String>,
    industries: Vec<String>,
    sources: Vec<String>,
    now: chrono::DateTime<chrono::Utc>,
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    items.choose(rng).expect("non-empty list")
}

impl Generator {
    fn chinese_name(&mut self) -> String {
        let mut n = pick(&mut self.rng, SURNAMES).to_string();
        let len = if self.rng.random_bool(0.7) { 2 } else { 1 };
        for _ in 0..len {
            let given = *pick::<&str>(&mut self.rng, GIVEN);
            n.push_str(given);
        }
        n
    }

    fn english_name(&mut self) -> String {
        format!("{} {}", pick(&mut self.rng, FIRST_EN), pick(&mut self.rng, LAST_EN))
    }

    fn mobile(&mut self) -> String {
        let prefix = pick(&mut self.rng, &["13", "15", "18", "17", "19"]);
        let rest: u64 = self.rng.random_range(0..1_000_000_000);
        let d = format!("{prefix}{rest:09}");
        match self.rng.random_range(0..3) {
            0 => d,
            1 => format!("{} {} {}", &d[..3], &d[3..7], &d[7..]),
            _ => format!("{}-{}-{}", &d[..3], &d[3..7], &d[7..]),
        }
    }

    fn email_for(&mut self, name: &str, chinese: bool) -> String {
        let local = if chinese { pinyin_syllables(name).concat() } else { name.to_lowercase().replace(' ', ".") };
        let n: u32 = self.rng.random_range(1..999);
        format!("{local}{n}@{}", pick(&mut self.rng, EMAIL_DOMAINS))
    }

    fn company(&mut self, chinese: bool, city: &str) -> String {
        if chinese {
            let with_city = if self.rng.random_bool(0.5) { city } else { "" };
            format!(
                "{with_city}{}{}{}",
                pick(&mut self.rng, BRAND_ZH),
                pick(&mut self.rng, TRADE_ZH),
                pick(&mut self.rng, SUFFIX_ZH)
            )
        } else {
            format!(
                "{} {} {}",
                pick(&mut self.rng, BRAND_EN),
                pick(&mut self.rng, TRADE_EN),
                pick(&mut self.rng, SUFFIX_EN)
            )
        }
    }

    fn customer(&mut self, n: u64) -> (CustomerRecord, Vec<&'static str>, Vec<ContactRecord>, Vec<ActivityRecord>) {
        let chinese = self.rng.random_bool(0.8);
        let (country, province, city) = if chinese || self.rng.random_bool(0.3) {
            let (p, cities) = pick(&mut self.rng, PLACES_CN);
            ("中国".to_string(), p.to_string(), pick(&mut self.rng, cities).to_string())
        } else {
            let (c, p, ci) = pick(&mut self.rng, PLACES_INTL);
            (c.to_string(), p.to_string(), ci.to_string())
        };
        let kind = match self.rng.random_range(0..100) {
            0..60 => Kind::Individual,
            60..95 => Kind::Enterprise,
            _ => Kind::Government,
        };
        let person = if chinese { self.chinese_name() } else { self.english_name() };
        let company = self.company(chinese, &city);
        let name = if kind == Kind::Individual { person.clone() } else { company.clone() };
        let mut phones = vec![self.mobile()];
        if self.rng.random_bool(0.15) {
            phones.push(format!(
                "0{}-{}",
                self.rng.random_range(10..999),
                self.rng.random_range(20_000_000..89_999_999)
            ));
        }
        let emails = if self.rng.random_bool(0.8) { vec![self.email_for(&person, chinese)] } else { Vec::new() };
        let record = CustomerRecord {
            external_id: Some(format!("DEMO-{n:07}")),
            name_sort: name_sort_key(&name),
            name,
            kind,
            lifecycle: match self.rng.random_range(0..100) {
                0..55 => Lifecycle::Potential,
                55..93 => Lifecycle::Existing,
                _ => Lifecycle::Vip,
            },
            tier: self.rng.random_bool(0.7).then(|| pick(&mut self.rng, &self.tiers).clone()),
            industry: self.rng.random_bool(0.8).then(|| pick(&mut self.rng, &self.industries).clone()),
            size: (kind != Kind::Individual).then(|| *pick(&mut self.rng, &[Size::Large, Size::Medium, Size::Small])),
            source: self.rng.random_bool(0.9).then(|| pick(&mut self.rng, &self.sources).clone()),
            owner: Some(pick(&mut self.rng, OWNERS).to_string()),
            address: Some(if chinese || country == "中国" {
                format!("{city}市{}{}号", pick(&mut self.rng, STREETS), self.rng.random_range(1..999))
            } else {
                format!("{} Main Street", self.rng.random_range(1..999))
            }),
            country: Some(country),
            province: Some(province),
            city: Some(city),
            company: (kind == Kind::Individual && self.rng.random_bool(0.5)).then_some(company),
            website: None,
            notes: None,
            phones,
            emails,
            custom: BTreeMap::new(),
        };
        let tag_count = self.rng.random_range(0..4);
        let tags: Vec<&'static str> = TAGS.choose_multiple(&mut self.rng, tag_count).copied().collect();
        let contacts = if kind == Kind::Individual {
            Vec::new()
        } else {
            (0..self.rng.random_range(1..4))
                .map(|_| {
                    let cn = if chinese { self.chinese_name() } else { self.english_name() };
                    ContactRecord {
                        id: crate::new_id(),
                        emails: vec![self.email_for(&cn, chinese)],
                        name: cn,
                        title: Some(pick(&mut self.rng, TITLES).to_string()),
                        phones: vec![self.mobile()],
                    }
                })
                .collect()
        };
        let activities = (0..self.rng.random_range(0..4))
            .map(|_| {
                let (kind, subject) = *pick(&mut self.rng, SUBJECTS);
                let minutes_ago = self.rng.random_range(0..365 * 24 * 60);
                ActivityRecord {
                    id: crate::new_id(),
                    opportunity_id: None,
                    kind,
                    occurred_at: crate::clock::to_db(self.now - chrono::Duration::minutes(minutes_ago)),
                    author: pick(&mut self.rng, OWNERS).to_string(),
                    subject: subject.to_string(),
                    body: None,
                }
            })
            .collect();
        (record, tags, contacts, activities)
    }
}

const BATCH: u64 = 2000;

impl Crm {
    /// Adds `count` generated customers (an administrator's action). The same seed gives the
    /// same customers; each falls in the territory of its location.
    pub async fn generate_demo_data(&self, actor: &Actor, count: u64, seed: u64) -> CoreResult<DemoReport> {
        self.admin_access(actor, "demo.generate").await?;
        let mut tx = self.db.begin_write().await?;
        let catalog = load_catalog(&mut tx).await?;
        let territories = crate::access::territories::load_map(&mut tx).await?;
        let options = |key: &str| -> Vec<String> {
            catalog.get(key).map(|f| f.options.iter().map(|o| o.key.clone()).collect()).unwrap_or_default()
        };
        let mut tiers = options("tier");
        tiers.truncate(4); // diamond, gold, silver, normal
        let mut generator = Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            tiers,
            industries: options("industry"),
            sources: options("source"),
            now: self.now(),
        };
        let stamp = self.stamp(actor);
        let mut tag_seqs: BTreeMap<&str, i64> = BTreeMap::new();
        for (i, name) in TAGS.iter().enumerate() {
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT seq FROM tags WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL")
                    .bind(name)
                    .fetch_optional(&mut *tx)
                    .await?;
            let entry = match existing {
                Some(seq) => seq,
                None => insert_tag(&mut tx, &stamp, name, TAG_COLORS[i % TAG_COLORS.len()]).await?.1,
            };
            tag_seqs.insert(name, entry);
        }
        let multi = multi_field_ids(&catalog);
        let mut next_seq = store::next_seq(&mut tx).await?;
        let first_number = next_seq as u64;
        let mut report = DemoReport { customers: 0, contacts: 0, activities: 0 };
        let mut done = 0;
        while done < count {
            let n = BATCH.min(count - done);
            let mut items = Vec::with_capacity(n as usize);
            let mut activities = Vec::new();
            for _ in 0..n {
                let (record, tags, contacts, acts) = generator.customer(first_number + done + items.len() as u64);
                let id = crate::new_id();
                report.contacts += contacts.len() as u64;
                report.activities += acts.len() as u64;
                activities.extend(acts.into_iter().map(|a| (id.clone(), a)));
                let territory = territories.territory_of(
                    record.country.as_deref(),
                    record.province.as_deref(),
                    record.city.as_deref(),
                );
                items.push(NewCustomer {
                    territory,
                    seq: next_seq,
                    id,
                    prepared: Prepared::new(record, contacts),
                    tag_seqs: tags.iter().map(|t| tag_seqs[t]).collect(),
                });
                next_seq += 1;
            }
            store::insert_batch(&mut tx, &stamp, items, &multi).await?;
            activity::insert_batch(&mut tx, &stamp, &activities).await?;
            done += n;
            report.customers += n;
        }
        tx.commit().await?;
        self.db.optimize().await?;
        Ok(report)
    }
}
