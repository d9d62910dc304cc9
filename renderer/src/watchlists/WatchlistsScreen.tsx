// Diện củng cố: the lists of units under consolidation, or one list's page with its members.
// Reached from the menu (the lists), or from Tổng quan with a list and a member to open.
import { useState } from 'react';
import { useAppStore } from '../stores/app';
import { WatchlistIndex } from './WatchlistIndex';
import { WatchlistPage } from './WatchlistPage';

export function WatchlistsScreen() {
  const route = useAppStore((s) => s.route);
  const [listId, setListId] = useState<string | null>(route.params.listId ?? null);
  const [memberId, setMemberId] = useState<string | null>(route.params.memberId ?? null);
  const [visit, setVisit] = useState(route.visit);
  if (visit !== route.visit) {
    // Sent here again (the menu, an overdue measure on Tổng quan): show what the route names.
    setVisit(route.visit);
    setListId(route.params.listId ?? null);
    setMemberId(route.params.memberId ?? null);
  }
  const openList = (id: string | null, member: string | null = null) => {
    setListId(id);
    setMemberId(member);
  };
  if (!listId) return <WatchlistIndex onOpen={(id) => openList(id)} />;
  return (
    <WatchlistPage
      key={listId}
      listId={listId}
      memberId={memberId}
      onOpenMember={setMemberId}
      onOpenList={openList}
    />
  );
}
