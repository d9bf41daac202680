// Simplified Chinese strings of the stage path's actions: loaded on demand by actions.ts (itself
// loaded on demand), never up front.
import type { Translation } from '../shared/i18n.js';
import type { ActionsEn } from './actions.js';

export default {
  moved: '已将“{name}”移至 {stage}。',
  blocked: '页面阻止了将“{name}”移至 {stage}。',
  refused: '无法将“{name}”移至 {stage}：{reasons}',
  cancelled: '已取消移动。“{name}”仍在 {stage}。',
  ticked: '已勾选“{item}”。',
  unticked: '已取消勾选“{item}”。',
  toggleFailed: '无法保存“{item}”：{error}',
  failed: '无法将“{name}”移至 {stage}：{error}',
  conflict: '“{name}”移至 {to} 未保存：有人同时修改了此商机，现显示对方的版本（{stage}）。',
  undone: '“{name}”移至 {to} 无法保存，已撤销：{error}',
  undoneSilent: '“{name}”移至 {to} 无法保存，已撤销。',
  partFailed: '关闭商机的表单无法加载（{error}）。请检查网络连接后重试。',
} satisfies Translation<ActionsEn>;
