import { Button, Result } from 'antd';
import { Outlet, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/CurrentUser';
import './admin.css';

/** The administrator's pages: anyone else who reaches one by its address gets a 403. */
export function RequireAdmin() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { isAdmin } = useCurrentUser();
  if (isAdmin) return <Outlet />;
  return (
    <div className="page page-center" data-testid="admin-forbidden">
      <Result
        status="403"
        title={t('admin.forbiddenTitle')}
        subTitle={t('admin.forbiddenHint')}
        extra={
          <Button type="primary" onClick={() => void navigate('/customers')}>
            {t('admin.backHome')}
          </Button>
        }
      />
    </div>
  );
}
