//! A customer import in the real window: a GBK CSV as Chinese Excel writes it, with a column
//! nothing matches and one bad row. The administrator reads it in the wizard, leaves the unknown
//! column out, sees the bad cell, imports the rest, finds the rejected-rows file beside the CSV,
//! sees the new customers in the list, then reverts the batch from the history.

use super::segments::choose;
use super::{Step, click, sign_in, type_into, wait_text};
use fantoccini::Client;
use std::path::Path;

/// Writes the file the flow imports into `dir`; returns its path.
pub fn write_file(dir: &Path) -> std::path::PathBuf {
    let csv = "客户名称,手机,邮箱,城市,鞋码\r\n\
               花果山贸易,13800000001,hgs@example.cn,青岛,42\r\n\
               水帘洞科技,13800000002,sld@example.cn,济南,40\r\n\
               高老庄,13800000003,not-an-email,烟台,39\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let path = dir.join("客户名单.csv");
    std::fs::write(&path, gbk).unwrap();
    path
}

pub async fn flow(c: &Client, file: &Path) -> Step<()> {
    sign_in(c, "admin").await?;
    click(c, "nav-customers").await?;
    click(c, "import-customers").await?;
    type_into(c, "import-path", file.to_str().unwrap()).await?;
    click(c, "import-read").await?;
    wait_text(c, "import-facts", "GBK").await?;
    wait_text(c, "import-mapping-problems", "鞋码").await?;
    wait_text(c, "import-cell-problem", "not-an-email").await?;
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(std::env::temp_dir().join("kehu-e2e-import-mapping.png"), png);
    }
    choose(c, "import-field-4", "不导入").await?;
    click(c, "import-skip-invalid").await?;
    // The start button is enabled once the preview without the problem is back.
    super::eventually("the import does not start", || async {
        let start = super::by_test_id(c, "import-start").await?;
        if start.attr("disabled").await.map_err(|e| e.to_string())?.is_some() {
            return Err("still disabled".to_string());
        }
        start.click().await.map_err(|e| e.to_string())
    })
    .await?;
    wait_text(c, "import-result-summary", "已导入 2 位客户").await?;
    wait_text(c, "import-rejected", "not-an-email").await?;
    let rejected = wait_text(c, "import-rejected-file", "客户名单-rejected-").await?;
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(std::env::temp_dir().join("kehu-e2e-import-done.png"), png);
    }
    let rejected_path = rejected.rsplit_once('：').map(|(_, p)| p.trim().to_string()).unwrap_or_default();
    let rows =
        std::fs::read_to_string(&rejected_path).map_err(|e| format!("the rejected-rows file {rejected_path}: {e}"))?;
    if !rows.contains("高老庄,13800000003,not-an-email,烟台,39,line 4:") {
        return Err(format!("the rejected-rows file holds: {rows}"));
    }

    click(c, "import-back").await?;
    wait_text(c, "customer-row", "花果山贸易").await?;
    click(c, "import-customers").await?;
    click(c, "import-tab-history").await?;
    wait_text(c, "import-history", "客户名单.csv").await?;
    click(c, "import-revert").await?;
    click(c, "import-revert-confirm").await?;
    wait_text(c, "import-batch-reverted", "已撤销").await?;
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(std::env::temp_dir().join("kehu-e2e-import-history.png"), png);
    }
    click(c, "import-back").await?;
    super::eventually("the reverted customers are still listed", || async {
        let rows =
            c.find_all(fantoccini::Locator::Css("[data-testid='customer-row']")).await.map_err(|e| e.to_string())?;
        for r in rows {
            if r.text().await.map_err(|e| e.to_string())?.contains("花果山贸易") {
                return Err("still listed".to_string());
            }
        }
        Ok(())
    })
    .await
}
