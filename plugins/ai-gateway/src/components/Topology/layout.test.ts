import {
  TopologyEdge,
  TopologyNode,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { NODE_HEIGHT, NODE_WIDTH, layoutTopology } from './layout';

const node = (id: string, type: TopologyNode['type']): TopologyNode => ({
  id,
  type,
  label: id,
  cluster: 'dev',
  relation: 'owned',
  status: 'ok',
  details: {},
  metrics: { available: false, reason: 'x' },
});
const edge = (
  source: string,
  target: string,
  type: TopologyEdge['type'],
): TopologyEdge => ({ id: `${source}->${target}`, source, target, type });

describe('layoutTopology', () => {
  it('lays the graph out left to right without overlapping nodes', () => {
    const nodes = [
      node('gw', 'gateway'),
      node('l', 'listener'),
      node('r1', 'route'),
      node('r2', 'route'),
      node('b', 'backend'),
      node('p', 'policy'),
    ];
    const edges = [
      edge('gw', 'l', 'listener'),
      edge('l', 'r1', 'route'),
      edge('l', 'r2', 'route'),
      edge('r1', 'b', 'backend'),
      edge('r2', 'b', 'backend'),
      edge('p', 'r1', 'policy'),
      edge('x', 'b', 'backend'),
    ];
    const pos = layoutTopology(nodes, edges);
    expect(pos.size).toBe(6);
    expect(pos.get('gw')!.x).toBeLessThan(pos.get('l')!.x);
    expect(pos.get('l')!.x).toBeLessThan(pos.get('r1')!.x);
    expect(pos.get('r1')!.x).toBeLessThan(pos.get('b')!.x);
    expect(pos.get('r1')!.x).toBe(pos.get('r2')!.x);
    const boxes = [...pos.values()];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const overlap =
          Math.abs(boxes[i].x - boxes[j].x) < NODE_WIDTH &&
          Math.abs(boxes[i].y - boxes[j].y) < NODE_HEIGHT;
        expect(overlap).toBe(false);
      }
  });
});
