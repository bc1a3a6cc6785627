import { useMemo, useState, type Key } from 'react';
import { Alert, App, Spin, Tree, type TreeDataNode, type TreeProps } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type OrgUnit } from '../../ipc/client';
import { buildOrgTree, flattenOrgTree, type UnitNode } from '../orgTree';
import { useOrgUnits, useRefreshAdminData } from '../queries';
import { OrgUnitTitle } from './OrgUnitTitle';
import { OrgUnitNameModal, type UnitNaming } from './OrgUnitNameModal';

/**
 * The org tree. Dragging a unit onto another makes that one its parent; dropping it between two
 * units makes it their sibling. Nothing moves on screen until the core has agreed: the tree is
 * always drawn from what the core answers, so a refused move leaves it as it was.
 */
export function OrgTreePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const units = useOrgUnits();
  const refresh = useRefreshAdminData();
  const [naming, setNaming] = useState<UnitNaming | null>(null);
  // null until the user folds something: then every unit starts unfolded.
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const byId = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const roots = useMemo(() => buildOrgTree(units.data ?? []), [units.data]);

  const move = useMutation({
    mutationFn: ({ unit, parent }: { unit: OrgUnit; parent: OrgUnit }) => ipc.orgMove(unit.id, parent.id),
    onSuccess: (_, { unit, parent }) => void message.success(t('org.moved', { name: unit.name, parent: parent.name })),
    onError: (e, { unit }) => void message.error(t('org.moveRefused', { name: unit.name, message: errorMessage(e) }), 6),
    onSettled: () => void refresh(),
  });
  const remove = useMutation({
    mutationFn: (unit: OrgUnit) => ipc.orgDelete(unit.id),
    onSuccess: (_, unit) => {
      void message.success(t('org.deleted', { name: unit.name }));
      void refresh();
    },
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) }), 6),
  });

  const toTreeData = (node: UnitNode): TreeDataNode => ({
    key: node.unit.id,
    title: (
      <OrgUnitTitle
        unit={node.unit}
        onAddChild={() => setNaming({ kind: 'create', parent: node.unit })}
        onRename={() => setNaming({ kind: 'rename', unit: node.unit })}
        onDelete={() => remove.mutate(node.unit)}
      />
    ),
    children: node.children.map(toTreeData),
  });

  const onDrop: TreeProps['onDrop'] = (info) => {
    const unit = byId.get(String(info.dragNode.key));
    const target = byId.get(String(info.node.key));
    if (!unit || !target) return;
    const parentId = info.dropToGap ? target.parentId : target.id;
    const parent = parentId ? byId.get(parentId) : undefined;
    if (!parent || parent.id === unit.parentId) return;
    move.mutate({ unit, parent });
  };

  return (
    <div className="page admin-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('org.title')}</h1>
      </div>
      <Alert type="info" showIcon title={t('org.hint')} data-testid="org-hint" />
      {units.isError && <Alert type="error" showIcon title={errorMessage(units.error)} />}
      <div className="admin-panel org-panel">
        {units.isPending && <Spin />}
        <Spin spinning={move.isPending}>
          <Tree
            blockNode
            showLine
            data-testid="org-tree"
            treeData={roots.map(toTreeData)}
            expandedKeys={expanded ?? flattenOrgTree(roots).map((n) => n.unit.id)}
            onExpand={(keys) => setExpanded(keys)}
            // The top unit stays on top: it can be neither dragged nor given a sibling.
            draggable={{ icon: false, nodeDraggable: (node) => byId.get(String(node.key))?.parentId != null }}
            allowDrop={({ dropNode, dropPosition }) => dropPosition === 0 || byId.get(String(dropNode.key))?.parentId != null}
            onDrop={onDrop}
            selectable={false}
          />
        </Spin>
      </div>
      {naming && <OrgUnitNameModal naming={naming} onSaved={() => void refresh()} onClose={() => setNaming(null)} />}
    </div>
  );
}
